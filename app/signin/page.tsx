import { IntentLink } from "@/components/ui/IntentLink";
import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/SignInForm";
import { AuthCard } from "@/components/auth/AuthCard";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export const metadata = { title: "Sign in — Meetcute" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentMember()) redirect(callbackUrl);
  return (
    <AuthCard title="Welcome back" subtitle="Sign in to see who's waiting to meet you.">
      <SignInForm callbackUrl={callbackUrl} suspended={params.error === "suspended"} />
      {process.env.NODE_ENV === "development" && (
        // The demo seed only exists in development (npm run dev); production never shows this.
        <p className="mt-6 rounded-xl bg-pink-50 px-3 py-2 text-center text-xs text-slate-600" data-testid="demo-accounts">
          Demo: <strong>sarah@meetcute.test</strong> or <strong>john@meetcute.test</strong> (a pending match), password{" "}
          <strong>meetcute-demo</strong>. Admin: admin@meetcute.test.
        </p>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        New here?{" "}
        <IntentLink href="/signup" className="font-semibold text-pink-600 hover:underline">
          Create a profile
        </IntentLink>
      </p>
    </AuthCard>
  );
}
