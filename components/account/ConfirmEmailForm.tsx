"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useActionState } from "react";
import { confirmEmailAction, type AccountFormState } from "@/lib/auth/actions";
import { ActionMessage } from "@/components/account/ActionMessage";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, confirm, pending] = useActionState<AccountFormState, FormData>(confirmEmailAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <ActionMessage state={state} />
        <IntentLink href="/dashboard" className="btn-primary block w-full py-3 text-center">
          Find my match
        </IntentLink>
      </div>
    );
  }
  return (
    <form action={confirm} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <ActionMessage state={state} />
      <button type="submit" className="btn-primary w-full py-3" disabled={pending}>
        {pending ? "Confirming…" : "Confirm my email"}
      </button>
    </form>
  );
}
