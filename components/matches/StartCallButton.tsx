"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/ui/FormError";
import { errorMessage, isGone, startCall } from "@/lib/api/client";

type Props = {
  matchId: number;
  otherName: string;
  label: string;
  /** Mutual matches get the celebratory toast on their way into the call. */
  isMutual?: boolean;
  className?: string;
};

/**
 * Starts (or answers, or rejoins) the call of a match and goes to the call page. Refusals —
 * busy, do not disturb, decide first — are shown next to the button in the server's words.
 */
export function StartCallButton({ matchId, otherName, label, isMutual = false, className = "" }: Props) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const started = await startCall(matchId);
      if (isMutual) toast(`💕 Starting a new video call with ${otherName}!`);
      router.push(`/call/${encodeURIComponent(started.session_id)}`);
      return;
    } catch (err) {
      setError(errorMessage(err, "The call couldn't be started. Please try again."));
      // The card may be out of date (they called first, the match ended): show the truth.
      if (isGone(err)) router.refresh();
    }
    setStarting(false);
  }

  return (
    <div className="space-y-2">
      <button type="button" onClick={() => void start()} disabled={starting} className={`btn-primary w-full min-h-11 ${className}`}>
        {starting ? "Starting call…" : label}
      </button>
      <FormError message={error} />
    </div>
  );
}
