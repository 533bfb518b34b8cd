"use client";

import { useActionState, useTransition } from "react";
import { changePasswordAction, type AccountFormState } from "@/lib/auth/actions";
import { ActionMessage } from "@/components/account/ActionMessage";

export function ChangePasswordForm() {
  const [state, change] = useActionState<AccountFormState, FormData>(changePasswordAction, null);
  const [pending, start] = useTransition();
  // Dispatched by hand so a refused change keeps what was typed; a saved one clears the form.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    start(() => change(data));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate key={state?.ok ? "saved" : "editing"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="current_password" className="label">
            Current password
          </label>
          <input id="current_password" name="current_password" type="password" autoComplete="current-password" required className="field" />
        </div>
        <div>
          <label htmlFor="new_password" className="label">
            New password <span className="font-normal text-slate-500">(8+ characters)</span>
          </label>
          <input id="new_password" name="new_password" type="password" autoComplete="new-password" minLength={8} required className="field" />
        </div>
      </div>
      <ActionMessage state={state} />
      <button type="submit" className="btn-primary px-5 py-2.5" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
