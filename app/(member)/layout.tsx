import { memberOrRedirect } from "@/lib/auth/session";
import { doNotDisturbFor } from "@/lib/profile/do-not-disturb";
import { PendingCallsNotification } from "@/components/calls/PendingCallsNotification";
import { SiteHeader } from "@/components/layout/SiteHeader";

// Every signed-in page renders inside this layout, so the incoming-call notification (mounted
// once, here) reaches the member wherever they are.
export default async function MemberLayout({ children }: { children: React.ReactNode }) {
  const member = await memberOrRedirect();
  const dnd = await doNotDisturbFor(member.id);
  return (
    <div className="min-h-dvh">
      <SiteHeader name={member.displayName} isAdmin={member.role === "admin"} dnd={dnd} />
      <main className="mx-auto w-full max-w-5xl px-4 pb-16 pt-6 sm:px-6">{children}</main>
      <PendingCallsNotification />
    </div>
  );
}
