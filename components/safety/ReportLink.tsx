"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ReportDialog } from "@/components/safety/ReportDialog";
import { safetyMessages } from "@/components/safety/messages";

/**
 * "Something wrong? Report", beside a choice the member still has to make (the decision after a
 * first call): the report dialog opens over the page, and afterwards the choice is still there —
 * unless they also blocked, which ends the match.
 */
export function ReportLink({ matchId, otherName, sessionId, label = "Something wrong? Report" }: { matchId: number; otherName: string; sessionId?: string; label?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="text-sm font-medium text-slate-500 underline-offset-2 hover:text-red-700 hover:underline" data-testid="report-link">
        {label}
      </button>
      {open && (
        <ReportDialog
          matchId={matchId}
          otherName={otherName}
          sessionId={sessionId}
          onCancel={() => setOpen(false)}
          onReported={(blocked) => {
            setOpen(false);
            if (blocked) {
              toast.success(safetyMessages.reportedAndBlocked(otherName));
              router.push("/matches");
              router.refresh();
            } else {
              toast.success("Thanks for telling us. Our team will review your report — you can still decide whenever you're ready.");
            }
          }}
        />
      )}
    </>
  );
}
