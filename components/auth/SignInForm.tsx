"use client";

import { signIn } from "next-auth/react";
import { IntentLink } from "@/components/ui/IntentLink";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/FormError";
import { safeCallbackPath } from "@/lib/auth/callback-url";

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
}

export function SignInForm({ callbackUrl, suspended }: { callbackUrl: string; suspended?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(suspended ? "This account has been suspended." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      // For the Account page's device list ("Berlin time"): the browser's own setting, nothing more.
      time_zone: browserTimeZone(),
      redirect: false,
    });
    if (!res || res.error) {
      setPending(false);
      setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "That email and password don't match an account.");
      return;
    }
    // Checked again here: the page already did, but this line is what actually navigates.
    router.replace(safeCallbackPath(callbackUrl));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field" />
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor="password" className="label">
            Password
          </label>
          <IntentLink href="/forgot-password" className="text-xs font-semibold text-pink-600 hover:underline">
            Forgot password?
          </IntentLink>
        </div>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="field" />
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full py-3" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
