"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useTransition } from "react";
import { createPortal } from "react-dom";
import { toast } from "sonner";
import { blockAction, reportAction, unmatchAction } from "@/lib/safety/actions";
import { MAX_REPORT_DETAILS, REPORT_REASONS, REPORT_REASON_KEYS } from "@/lib/safety/reasons";
import type { ReportReason } from "@/lib/generated/prisma/enums";
import { useDismiss } from "@/lib/ui/use-dismiss";

type Dialog = "unmatch" | "block" | "report" | null;

export interface SafetyMenuProps {
  matchId: number;
  otherName: string;
  /** Set on the call page: the report then carries that call as evidence. */
  sessionId?: string;
  /** Lighter trigger for dark backgrounds (the call page). */
  tone?: "light" | "dark";
}

/** Unmatch, block and report for one match: a "⋯" menu with a confirm or report dialog each. */
export function SafetyMenu({ matchId, otherName, sessionId, tone = "light" }: SafetyMenuProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, startTransition] = useTransition();
  const menuRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const menuId = useId();

  useDismiss(open, menuRef, closeMenu);

  function choose(d: Exclude<Dialog, null>) {
    setOpen(false);
    setDialog(d);
  }

  // The match is gone for this member: leave any page about it and show the list without it.
  function leave(message: string) {
    setDialog(null);
    toast.success(message);
    router.push("/matches");
    router.refresh();
  }

  function confirmEnd(kind: "unmatch" | "block") {
    startTransition(async () => {
      const result = kind === "unmatch" ? await unmatchAction(matchId) : await blockAction(matchId);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      leave(kind === "unmatch" ? `You unmatched ${otherName}.` : `${otherName} is blocked. You won't see each other again.`);
    });
  }

  const triggerClass =
    tone === "dark"
      ? "text-white/90 hover:bg-white/15 focus-visible:ring-white/60"
      : "text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:ring-pink-300";

  return (
    // Clicks stay inside: the menu is often mounted in a clickable match card (or a Link), and
    // React bubbles events from the portalled dialogs through the component tree to it.
    <div ref={menuRef} className="relative inline-block text-left" data-testid="safety-menu" onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        aria-label={`Safety options for ${otherName}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={(e) => {
          e.preventDefault();
          setOpen((o) => !o);
        }}
        className={`flex h-9 w-9 items-center justify-center rounded-full text-xl leading-none outline-none transition focus-visible:ring-2 ${triggerClass}`}
      >
        ⋯
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          className="absolute right-0 z-30 mt-1 w-52 overflow-hidden rounded-xl border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          <MenuItem onSelect={() => choose("unmatch")}>Unmatch</MenuItem>
          <MenuItem onSelect={() => choose("block")} danger>
            Block
          </MenuItem>
          <MenuItem onSelect={() => choose("report")} danger>
            Report
          </MenuItem>
        </div>
      )}

      {dialog === "unmatch" && (
        <ConfirmDialog
          title={`Unmatch ${otherName}?`}
          body={`The match ends for both of you, and any call with ${otherName} hangs up.`}
          confirmLabel="Unmatch"
          pending={pending}
          onCancel={() => setDialog(null)}
          onConfirm={() => confirmEnd("unmatch")}
        />
      )}
      {dialog === "block" && (
        <ConfirmDialog
          title={`Block ${otherName}?`}
          body={`They'll never see you again, and you'll never be matched again. Any call with ${otherName} hangs up.`}
          confirmLabel="Block"
          pending={pending}
          onCancel={() => setDialog(null)}
          onConfirm={() => confirmEnd("block")}
        />
      )}
      {dialog === "report" && (
        <ReportDialog
          matchId={matchId}
          otherName={otherName}
          sessionId={sessionId}
          onCancel={() => setDialog(null)}
          onReported={(blocked) => {
            if (blocked) leave(`Thanks for telling us. ${otherName} is blocked and our team will review your report.`);
            else {
              setDialog(null);
              toast.success("Thanks for telling us. Our team will review your report.");
            }
          }}
        />
      )}
    </div>
  );
}

function MenuItem({ children, onSelect, danger }: { children: React.ReactNode; onSelect: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={(e) => {
        e.preventDefault();
        onSelect();
      }}
      className={`block w-full px-4 py-2.5 text-left font-medium outline-none hover:bg-slate-50 focus-visible:bg-slate-50 ${danger ? "text-red-600" : "text-slate-800"}`}
    >
      {children}
    </button>
  );
}

function Modal({ labelledBy, onClose, children }: { labelledBy: string; onClose: () => void; children: React.ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  // Portalled to <body> so a transformed or overflow-hidden ancestor cannot clip the overlay.
  return createPortal(
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-slate-900/50 p-4 sm:items-center" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        className="card w-full max-w-md p-5 text-slate-900"
        onClick={(e) => e.stopPropagation()}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}

function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} onClose={props.onCancel}>
      <h2 id={titleId} className="text-lg font-bold">
        {props.title}
      </h2>
      <p className="mt-2 text-sm text-slate-600">{props.body}</p>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn-danger" onClick={props.onConfirm} disabled={props.pending}>
          {props.pending ? "Working…" : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

function ReportDialog(props: {
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
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!reason) {
      setError("Choose what happened.");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await reportAction(props.matchId, {
        reason,
        details: details.trim() || undefined,
        sessionId: props.sessionId,
        alsoBlock,
      });
      if (!result.ok) setError(result.error);
      else props.onReported(result.data.blocked);
    });
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
