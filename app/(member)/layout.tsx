import { memberOrRedirect } from "@/lib/auth/session";
import { SiteHeader } from "@/components/layout/SiteHeader";

// Every signed-in page renders inside this layout: the header and (from the calls work) the
// incoming-call notification live here so they are present everywhere.
export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const member = await memberOrRedirect();
  return (
    <div className="min-h-dvh">
      <SiteHeader name={member.displayName} isAdmin={member.role === "admin"} />
      <main className="mx-auto w-full max-w-5xl px-4 pb-16 pt-6 sm:px-6">{children}</main>
    </div>
  );
}
