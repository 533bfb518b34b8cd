"use client";

import { useActionState } from "react";
import { resendConfirmationAction, type AccountFormState } from "@/lib/auth/actions";

/** Shown on every member page until the email is confirmed; small, with a resend. */
export function ConfirmEmailBanner({ email }: { email: string }) {
  const [state, resend, pending] = useActionState<AccountFormState, FormData>(resendConfirmationAction, null);
  return (
    <div className="border-b border-amber-200 bg-amber-50 text-amber-900" data-testid="confirm-email-banner">
      <form action={resend} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm sm:px-6">
        <span>
          Confirm your email to get matched and call — we sent a link to <strong className="break-all">{email}</strong>.
        </span>
        {state?.ok ? (
          <span role="status" className="font-medium">
            {state.data.message}
          </span>
        ) : (
          <button type="submit" disabled={pending} className="font-semibold text-pink-700 underline underline-offset-2 hover:text-pink-800">
            {pending ? "Sending…" : "Resend"}
          </button>
        )}
        {state && !state.ok && (
          <span role="alert" className="text-red-700">
            {state.error}
          </span>
        )}
      </form>
    </div>
  );
}
