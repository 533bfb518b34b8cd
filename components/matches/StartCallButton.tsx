"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { FormError } from "@/components/ui/FormError";

const startedSchema = z.object({ session_id: z.string().uuid() });
const errorSchema = z.object({ error: z.string(), code: z.string().optional() });

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
      const res = await fetch("/api/video/start-call", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ match_id: matchId }),
      });
      const body: unknown = await res.json().catch(() => null);
      const started = startedSchema.safeParse(body);
      if (res.ok && started.success) {
        if (isMutual) toast(`💕 Starting a new video call with ${otherName}!`);
        router.push(`/call/${encodeURIComponent(started.data.session_id)}`);
        return;
      }
      const refused = errorSchema.safeParse(body);
      setError(refused.success ? refused.data.error : "The call couldn't be started. Please try again.");
      // The card may be out of date (they called first, the match ended): show the truth.
      if (res.status === 409 || res.status === 404) router.refresh();
    } catch {
      setError("Couldn't reach Meetcute. Check your connection and try again.");
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
