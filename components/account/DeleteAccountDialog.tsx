"use client";

import { useId, useState } from "react";
import { Modal } from "@/components/ui/Modal";
import { FormError } from "@/components/ui/FormError";
import { signOutHere } from "@/components/auth/SignOutButton";
import { deleteAccount, errorMessage } from "@/lib/api/client";

/** "Delete my account", confirmed in a dialog by the member's password. */
export function DeleteAccountButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-danger w-full sm:w-auto" onClick={() => setOpen(true)}>
        Delete my account
      </button>
      {open && <DeleteAccountDialog onCancel={() => setOpen(false)} />}
    </>
  );
}

function DeleteAccountDialog({ onCancel }: { onCancel: () => void }) {
  const titleId = useId();
  const passwordId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      await deleteAccount(password);
    } catch (err) {
      setError(errorMessage(err, "We couldn't delete your account. Please try again."));
      setPending(false);
      return;
    }
    // The account is gone and its cookie already answers 401 everywhere: clear it here too.
    await signOutHere("/");
  }

  return (
    <Modal labelledBy={titleId} onClose={pending ? () => {} : onCancel}>
      <form onSubmit={submit} className="space-y-4">
        <h2 id={titleId} className="text-lg font-bold">
          Delete your account?
        </h2>
        <p className="text-sm text-slate-600">
          Your profile, photo and devices are removed, any call you are in ends, and you can&apos;t sign in again. The people you met keep
          their call history with you, shown as &ldquo;Deleted member&rdquo;. This can&apos;t be undone.
        </p>
        <div>
          <label htmlFor={passwordId} className="label">
            Your password
          </label>
          <input id={passwordId} name="password" type="password" autoComplete="current-password" required maxLength={200} className="field" />
        </div>
        <FormError message={error} />
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="btn-danger" disabled={pending}>
            {pending ? "Deleting…" : "Delete my account"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
