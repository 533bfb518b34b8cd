"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { toast } from "sonner";
import { blockAction } from "@/lib/safety/actions";
import { ConfirmDialog } from "@/components/safety/ConfirmDialog";
import { ReportDialog } from "@/components/safety/ReportDialog";
import { safetyMessages } from "@/components/safety/messages";

const dismissedKey = (sessionId: string) => `meetcute:after-call:${sessionId}`;
const noSubscription = () => () => {};

/**
 * A quiet "How was it?" on the match page just after a repeat call: fine (it goes away), or
 * report or block from here, the report naming that call. Dismissed per call in this tab.
 */
export function AfterCallCheck({ matchId, otherName, sessionId }: { matchId: number; otherName: string; sessionId: string }) {
  const router = useRouter();
  const storedDismissal = useSyncExternalStore(
    noSubscription,
    () => sessionStorage.getItem(dismissedKey(sessionId)) !== null,
    () => true,
  );
  const [dismissed, setDismissed] = useState(false);
  const [dialog, setDialog] = useState<"report" | "block" | null>(null);
  const [pending, startTransition] = useTransition();
  if (storedDismissal || dismissed) return null;

  function done() {
    sessionStorage.setItem(dismissedKey(sessionId), "1");
    setDismissed(true);
  }

  function leave(message: string) {
    done();
    toast.success(message);
    router.push("/matches");
    router.refresh();
  }

  function block() {
    startTransition(async () => {
      const result = await blockAction(matchId);
      if (!result.ok) return void toast.error(result.error);
      leave(safetyMessages.blocked(otherName));
    });
  }

  return (
    <section className="card flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm" aria-label="After your call" data-testid="after-call-check">
      <p className="min-w-0 flex-1 text-slate-700">How was your call with {otherName}?</p>
      <div className="flex flex-wrap items-center gap-1">
        <button type="button" className="rounded-lg px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100" onClick={done}>
          All good
        </button>
        <button type="button" className="rounded-lg px-2.5 py-1.5 font-medium text-slate-500 hover:bg-red-50 hover:text-red-700" onClick={() => setDialog("report")}>
          Report
        </button>
        <button type="button" className="rounded-lg px-2.5 py-1.5 font-medium text-slate-500 hover:bg-red-50 hover:text-red-700" onClick={() => setDialog("block")}>
          Block
        </button>
      </div>
      {dialog === "report" && (
        <ReportDialog
          matchId={matchId}
          otherName={otherName}
          sessionId={sessionId}
          onCancel={() => setDialog(null)}
          onReported={(blocked) => {
            setDialog(null);
            if (blocked) leave(safetyMessages.reportedAndBlocked(otherName));
            else {
              done();
              toast.success(safetyMessages.reported);
            }
          }}
        />
      )}
      {dialog === "block" && (
        <ConfirmDialog
          title={`Block ${otherName}?`}
          body={`They'll never see you again, and you'll never be matched again.`}
          confirmLabel="Block"
          pending={pending}
          onCancel={() => setDialog(null)}
          onConfirm={block}
        />
      )}
    </section>
  );
}
