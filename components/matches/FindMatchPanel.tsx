"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import type { MatchView } from "@/lib/matches/view";
import { MatchCard } from "@/components/matches/MatchCard";

const foundSchema = z.object({
  match: z.looseObject({ match_id: z.number() }).nullable(),
  message: z.string().optional(),
});
const errorSchema = z.object({ error: z.string() });

type Outcome = { kind: "found"; match: MatchView } | { kind: "nobody"; message: string } | { kind: "error"; message: string };

/** "Find my match": asks the matching engine for someone new and shows who it found. */
export function FindMatchPanel({ firstCallSeconds }: { firstCallSeconds: number }) {
  const router = useRouter();
  const [finding, setFinding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function find() {
    setFinding(true);
    setOutcome(null);
    try {
      const res = await fetch("/api/matches/find", {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: "{}",
      });
      const body: unknown = await res.json().catch(() => null);
      const found = foundSchema.safeParse(body);
      if (res.ok && found.success) {
        if (found.data.match) {
          // Our own API's MatchView; only its presence needed checking.
          setOutcome({ kind: "found", match: found.data.match as unknown as MatchView });
          router.refresh();
        } else {
          setOutcome({ kind: "nobody", message: found.data.message ?? "Nobody new fits your preferences right now. Check back soon!" });
        }
      } else {
        const refused = errorSchema.safeParse(body);
        setOutcome({ kind: "error", message: refused.success ? refused.data.error : "Matching didn't work this time. Please try again." });
      }
    } catch {
      setOutcome({ kind: "error", message: "Couldn't reach Meetcute. Check your connection and try again." });
    }
    setFinding(false);
  }

  return (
    <div className="space-y-4" data-testid="find-match">
      <button type="button" onClick={() => void find()} disabled={finding} className="btn-primary w-full min-h-12 text-base">
        {finding ? "Finding someone…" : "✨ Find my match"}
      </button>
      <div aria-live="polite">
        {outcome?.kind === "found" && (
          <div className="space-y-2">
            <p className="text-center text-sm font-semibold text-pink-700">You have a new match! Say hi with a video call.</p>
            <MatchCard match={outcome.match} firstCallSeconds={firstCallSeconds} />
          </div>
        )}
        {outcome?.kind === "nobody" && <p className="rounded-xl bg-slate-50 px-3 py-2.5 text-center text-sm text-slate-700">{outcome.message}</p>}
        {outcome?.kind === "error" && (
          <p role="alert" className="rounded-xl bg-red-50 px-3 py-2.5 text-center text-sm text-red-700">
            {outcome.message}
          </p>
        )}
      </div>
    </div>
  );
}
