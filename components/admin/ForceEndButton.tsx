"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { forceEndAction } from "@/lib/admin/actions";

/** Ends a live call for both members, after a confirmation naming them. */
export function ForceEndButton({ sessionId, between }: { sessionId: string; between: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  function end() {
    startTransition(async () => {
      const result = await forceEndAction(sessionId);
      if (!result.ok) toast.error(result.error);
      else toast.success(`Call between ${between} ended.`);
      setConfirming(false);
      router.refresh();
    });
  }

  if (!confirming) {
    return (
      <button type="button" className="btn-danger px-3 py-1.5" onClick={() => setConfirming(true)}>
        Force end
      </button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span className="text-xs text-slate-600">End for both?</span>
      <button type="button" className="btn-danger px-3 py-1.5" onClick={end} disabled={pending}>
        {pending ? "Ending…" : "Yes, end it"}
      </button>
      <button type="button" className="btn-secondary px-3 py-1.5" onClick={() => setConfirming(false)} disabled={pending}>
        Keep
      </button>
    </span>
  );
}
