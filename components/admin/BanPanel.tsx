"use client";

import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState } from "react";
import { toast } from "sonner";
import { banMemberAction, unbanMemberAction } from "@/lib/admin/actions";
import type { ActionResult } from "@/lib/actions/result";
import { FormError } from "@/components/ui/FormError";

interface BanPanelProps {
  userId: number;
  name: string;
  bannedAt: string | null;
  banReason: string | null;
  isAdmin: boolean;
}

/** Ban (with a reason) or unban one member, from their page. */
export function BanPanel({ userId, name, bannedAt, banReason, isAdmin }: BanPanelProps) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [result, banOrUnban, pending] = useActionState(async (_: ActionResult<{ banned: boolean }> | null) => {
    const done = bannedAt ? await unbanMemberAction(userId, note || undefined) : await banMemberAction(userId, reason, note || undefined);
    if (done.ok) {
      toast.success(bannedAt ? `${name} is unbanned.` : `${name} is banned. Their calls have ended.`);
      setReason("");
      setNote("");
      router.refresh();
    }
    return done;
  }, null);
  // A refusal shows until the next attempt starts.
  const error = !pending && result && !result.ok ? result.error : null;

  if (isAdmin) return <p className="text-sm text-slate-600">Admins can&apos;t be banned.</p>;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    startTransition(() => banOrUnban());
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      {bannedAt ? (
        <div className="rounded-xl bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">Banned</p>
          {banReason && <p className="mt-1 whitespace-pre-wrap">{banReason}</p>}
        </div>
      ) : (
        <div>
          <label htmlFor="ban-reason" className="label">
            Reason <span className="font-normal text-slate-500">(kept on the account)</span>
          </label>
          <input
            id="ban-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            required
            className="field"
            placeholder="e.g. Harassment on camera, report #12"
          />
        </div>
      )}
      <div>
        <label htmlFor="ban-note" className="label">
          Note for the audit log <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input id="ban-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} className="field" />
      </div>
      <FormError message={error} />
      {bannedAt ? (
        <button type="submit" className="btn-secondary w-full" disabled={pending}>
          {pending ? "Unbanning…" : `Unban ${name}`}
        </button>
      ) : (
        <button type="submit" className="btn-danger w-full" disabled={pending || reason.trim().length < 3}>
          {pending ? "Banning…" : `Ban ${name}`}
        </button>
      )}
      {!bannedAt && (
        <p className="text-xs text-slate-500">
          Takes effect at once: {name} is signed out on their next request, their calls end and their pending matches close.
        </p>
      )}
    </form>
  );
}
