import { IntentLink } from "@/components/ui/IntentLink";
import { AuthCard } from "@/components/auth/AuthCard";
import { ForgotPasswordForm } from "@/components/account/ForgotPasswordForm";

export const metadata = { title: "Forgot your password? — Meetcute" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" subtitle="Tell us your email and we'll send you a link to choose a new one.">
      <ForgotPasswordForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        Remembered it?{" "}
        <IntentLink href="/signin" className="font-semibold text-pink-600 hover:underline">
          Sign in
        </IntentLink>
      </p>
    </AuthCard>
  );
}
