import { IntentLink } from "@/components/ui/IntentLink";
import { AuthCard } from "@/components/auth/AuthCard";
import { ConfirmEmailForm } from "@/components/account/ConfirmEmailForm";

export const metadata = { title: "Confirm your email — Meetcute" };

// The link from the sign-up mail. Confirming takes a press of the button, not the visit alone:
// mail scanners open links, and a single-use link opened by one would be used up.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Confirm your email" subtitle="One press and you can be matched and start video dates.">
      {typeof token === "string" && token ? (
        <ConfirmEmailForm token={token} />
      ) : (
        <p className="text-sm text-slate-600">
          This link is incomplete. <IntentLink href="/signin" className="font-semibold text-pink-600 hover:underline">Sign in</IntentLink> and ask for a new one.
        </p>
      )}
    </AuthCard>
  );
}
