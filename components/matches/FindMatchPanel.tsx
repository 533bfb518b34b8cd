"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { MatchView } from "@/lib/matches/view";
import { errorMessage, findMatch } from "@/lib/api/client";
import { MatchCard } from "@/components/matches/MatchCard";

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
      const found = await findMatch();
      if (found.match) {
        setOutcome({ kind: "found", match: found.match });
        router.refresh();
      } else {
        setOutcome({ kind: "nobody", message: found.message ?? "Nobody new fits your preferences right now. Check back soon!" });
      }
    } catch (err) {
      setOutcome({ kind: "error", message: errorMessage(err, "Matching didn't work this time. Please try again.") });
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
