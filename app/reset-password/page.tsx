import { IntentLink } from "@/components/ui/IntentLink";
import { AuthCard } from "@/components/auth/AuthCard";
import { ResetPasswordForm } from "@/components/account/ResetPasswordForm";

export const metadata = { title: "Choose a new password — Meetcute" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Choose a new password" subtitle="Setting it signs you out on every device.">
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className="text-sm text-slate-600">
          This link is incomplete.{" "}
          <IntentLink href="/forgot-password" className="font-semibold text-pink-600 hover:underline">
            Ask for a new one
          </IntentLink>
          .
        </p>
      )}
    </AuthCard>
  );
}
