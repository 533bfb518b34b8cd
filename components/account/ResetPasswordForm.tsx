"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useActionState } from "react";
import { resetPasswordAction, type AccountFormState } from "@/lib/auth/actions";
import { ActionMessage } from "@/components/account/ActionMessage";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, reset, pending] = useActionState<AccountFormState, FormData>(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <ActionMessage state={state} />
        <IntentLink href="/signin" className="btn-primary block w-full py-3 text-center">
          Sign in
        </IntentLink>
      </div>
    );
  }
  return (
    <form action={reset} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="label">
          New password <span className="font-normal text-slate-500">(8+ characters)</span>
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required className="field" />
      </div>
      <ActionMessage state={state} />
      <button type="submit" className="btn-primary w-full py-3" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
