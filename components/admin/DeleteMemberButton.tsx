"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteMemberAction } from "@/lib/admin/actions";
import { ConfirmDialog } from "@/components/safety/ConfirmDialog";
import { FormError } from "@/components/ui/FormError";

/** Deletes a member's account as their own deletion does (audited), after a confirmation. */
export function DeleteMemberButton({ userId, name }: { userId: number; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await deleteMemberAction(userId, "deleted from the member page");
      setConfirming(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(`${name}'s account is deleted.`);
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">Removes their profile, photo, devices and sign-in and ends their calls. Matches, calls and reports stay, anonymised.</p>
      <button type="button" className="btn-danger w-full" onClick={() => setConfirming(true)}>
        Delete account
      </button>
      <FormError message={error} />
      {confirming && (
        <ConfirmDialog
          title={`Delete ${name}'s account?`}
          body="This can't be undone. The other members keep their call history, shown as “Deleted member”."
          confirmLabel="Delete account"
          pending={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={confirm}
        />
      )}
    </div>
  );
}
