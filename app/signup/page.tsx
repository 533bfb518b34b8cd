import { IntentLink } from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/session";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { AuthCard } from "@/components/auth/AuthCard";

export const metadata = { title: "Create your profile — Meetcute" };

export default async function SignUpPage() {
  if (await currentMember()) redirect("/dashboard");
  return (
    <AuthCard title="Create your profile" subtitle="A few basics so we can find someone who fits.">
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already a member?{" "}
        <IntentLink href="/signin" className="font-semibold text-pink-600 hover:underline">
          Sign in
        </IntentLink>
      </p>
    </AuthCard>
  );
}
