"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { resolveReportAction } from "@/lib/admin/actions";
import { FormError } from "@/components/ui/FormError";

/** Dismiss a report, or ban the reported member — either way with a note for the audit log. */
export function ResolveReportForm({ reportId, reportedName, reportedBanned, reportedDeleted = false }: { reportId: number; reportedName: string; reportedBanned: boolean; reportedDeleted?: boolean }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const noteId = `resolve-note-${reportId}`;

  function resolve(action: "dismiss" | "ban") {
    setError(null);
    startTransition(async () => {
      const result = await resolveReportAction(reportId, action, note);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(action === "dismiss" ? `Report #${reportId} dismissed.` : reportedDeleted ? `Report #${reportId} closed as actioned.` : `${reportedName} is banned; report #${reportId} closed.`);
      router.refresh();
    });
  }

  const noteOk = note.trim().length >= 3;
  return (
    <div className="space-y-2">
      <label htmlFor={noteId} className="label">
        Resolution note
      </label>
      <textarea
        id={noteId}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={1000}
        rows={2}
        className="field resize-none text-sm"
        placeholder="What you found and why you decided"
      />
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary px-3 py-2" disabled={pending || !noteOk} onClick={() => resolve("dismiss")}>
          Dismiss
        </button>
        <button type="button" className="btn-danger px-3 py-2" disabled={pending || !noteOk} onClick={() => resolve("ban")}>
          {reportedDeleted ? "Close as actioned (account deleted)" : reportedBanned ? "Close as actioned (already banned)" : `Ban ${reportedName}`}
        </button>
      </div>
    </div>
  );
}
