"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ApiError, errorMessage, reportFromCall } from "@/lib/api/client";
import { blockAction } from "@/lib/safety/actions";
import { grabRemoteFrame, remoteVideoElement } from "@/lib/safety/browser/capture-frame";

/**
 * "Report and leave", on the call page: one tap takes the frame the page is showing of the
 * other member, hangs up at once — the call ends for both as fast as any hang-up, without
 * waiting for the snapshot's encoding and upload — and then reports and blocks in one request,
 * on the way to the matches. If the report cannot be made, the member has still left, blocked if
 * possible, and is told they can report from their matches.
 */
export function ReportAndLeaveButton(props: { matchId: number; sessionId: string; otherName: string; pictureShowing: boolean; onLeave: (exitTo: string) => void }) {
  const [pending, setPending] = useState(false);

  async function reportAndLeave() {
    if (pending) return;
    setPending(true);
    const encode = grabRemoteFrame(remoteVideoElement(), { pictureShowing: props.pictureShowing, otherName: props.otherName });
    props.onLeave("/matches");
    try {
      const frame = await encode();
      await reportFromCall(props.matchId, { sessionId: props.sessionId, snapshot: frame.blob, shown: frame.shown });
      toast.success(`You left the call. ${props.otherName} is blocked and our team will review your report.`);
    } catch (err) {
      // Already reported (an open report): the block still keeps them away.
      const blocked = err instanceof ApiError && err.code === "already_reported" ? await blockAction(props.matchId) : null;
      if (blocked?.ok) {
        toast.success(`You left the call. ${props.otherName} is blocked.`);
        return;
      }
      toast.error(errorMessage(err, "We couldn't send your report. You have left the call; you can report from your matches."));
    }
  }

  return (
    <button
      type="button"
      onClick={() => void reportAndLeave()}
      disabled={pending}
      data-testid="report-and-leave"
      aria-label={pending ? "Leaving…" : "Report and leave"}
      className="flex h-9 shrink-0 items-center gap-1.5 rounded-full bg-red-600/90 px-2.5 sm:px-3 text-xs font-semibold text-white shadow outline-none transition hover:bg-red-600 focus-visible:ring-2 focus-visible:ring-white/70 disabled:opacity-70 sm:text-sm"
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="size-4">
        <path d="M4 22V4M4 4h13l-2 4 2 4H4" />
      </svg>
      {/* A phone's header also holds the name and a first call's countdown: the short word there. */}
      <span className="sm:hidden">{pending ? "…" : "Report"}</span>
      <span className="max-sm:hidden">{pending ? "Leaving…" : "Report and leave"}</span>
    </button>
  );
}
