"use client";

import { startTransition, useActionState, useId, useState } from "react";
import { reportAction } from "@/lib/safety/actions";
import type { ActionResult } from "@/lib/actions/result";
import { MAX_REPORT_DETAILS, REPORT_REASONS, REPORT_REASON_KEYS } from "@/lib/safety/reasons";
import type { ReportReason } from "@/lib/generated/prisma/enums";
import { Modal } from "@/components/ui/Modal";

/** Report a match: a reason from the fixed list, optional details, optionally also block. */
export function ReportDialog(props: {
  matchId: number;
  otherName: string;
  sessionId?: string;
  onCancel: () => void;
  onReported: (blocked: boolean) => void;
}) {
  const titleId = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState("");
  const [alsoBlock, setAlsoBlock] = useState(false);
  const [unchosen, setUnchosen] = useState(false);
  const [result, sendReport, pending] = useActionState(async (_: ActionResult<{ blocked: boolean }> | null, chosen: ReportReason) => {
    const done = await reportAction(props.matchId, { reason: chosen, details: details.trim() || undefined, sessionId: props.sessionId, alsoBlock });
    if (done.ok) props.onReported(done.data.blocked);
    return done;
  }, null);
  // A refusal shows until the next attempt starts.
  const error = unchosen ? "Choose what happened." : !pending && result && !result.ok ? result.error : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setUnchosen(!reason);
    if (reason) startTransition(() => sendReport(reason));
  }

  return (
    <Modal labelledBy={titleId} onClose={props.onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="text-lg font-bold">
          Report {props.otherName}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {props.otherName} won&apos;t know you reported them.
          {props.sessionId ? " We'll attach this call's details." : ""}
        </p>
        <fieldset className="mt-4">
          <legend className="label">What happened?</legend>
          <div className="grid gap-1.5">
            {REPORT_REASON_KEYS.map((key) => (
              <label
                key={key}
                className={`flex cursor-pointer items-center gap-3 rounded-xl border px-3 py-2 text-sm transition ${reason === key ? "border-pink-400 bg-pink-50" : "border-slate-200 hover:bg-slate-50"}`}
              >
                <input
                  type="radio"
                  name="reason"
                  value={key}
                  checked={reason === key}
                  onChange={() => setReason(key)}
                  className="accent-pink-600"
                />
                {REPORT_REASONS[key]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4">
          <label htmlFor={`${titleId}-details`} className="label">
            Details <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id={`${titleId}-details`}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
            maxLength={MAX_REPORT_DETAILS}
            rows={3}
            className="field resize-none"
            placeholder="Anything that helps us understand"
          />
          <p className="mt-1 text-right text-xs text-slate-500" aria-live="polite">
            {details.length}/{MAX_REPORT_DETAILS}
          </p>
        </div>
        <label className="mt-2 flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={alsoBlock} onChange={(e) => setAlsoBlock(e.target.checked)} className="h-4 w-4 accent-pink-600" />
          Also block {props.otherName}
        </label>
        {error && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn-danger" disabled={pending}>
            {pending ? "Sending…" : "Send report"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
