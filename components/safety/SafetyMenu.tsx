"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { blockAction, unmatchAction } from "@/lib/safety/actions";
import { useDismiss } from "@/lib/browser/use-dismiss";
import { MenuItem } from "@/components/ui/MenuItem";
import { ConfirmDialog } from "@/components/safety/ConfirmDialog";
import { ReportDialog } from "@/components/safety/ReportDialog";
import { safetyMessages } from "@/components/safety/messages";

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
  const triggerRef = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const menuId = useId();

  useDismiss(open, menuRef, closeMenu);

  function choose(d: Exclude<Dialog, null>) {
    // The dialog hands focus back to whatever had it when it opened: the "⋯" button, not the
    // menu item that is about to disappear.
    triggerRef.current?.focus();
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
      leave(kind === "unmatch" ? safetyMessages.unmatched(otherName) : safetyMessages.blocked(otherName));
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
        ref={triggerRef}
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
            if (blocked) leave(safetyMessages.reportedAndBlocked(otherName));
            else {
              setDialog(null);
              toast.success(safetyMessages.reported);
            }
          }}
        />
      )}
    </div>
  );
}
