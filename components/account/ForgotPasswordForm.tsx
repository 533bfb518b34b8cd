"use client";

import { useActionState } from "react";
import { requestPasswordResetAction, type AccountFormState } from "@/lib/auth/actions";
import { ActionMessage } from "@/components/account/ActionMessage";

export function ForgotPasswordForm() {
  const [state, send, pending] = useActionState<AccountFormState, FormData>(requestPasswordResetAction, null);
  return (
    <form action={send} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className="field" />
      </div>
      <ActionMessage state={state} />
      <button type="submit" className="btn-primary w-full py-3" disabled={pending}>
        {pending ? "Sending…" : "Send me a reset link"}
      </button>
    </form>
  );
}
