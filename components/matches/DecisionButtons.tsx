"use client";

import { useState, useTransition } from "react";
import { decideOnMatch } from "@/lib/matches/actions";
import { FormError } from "@/components/ui/FormError";

/** Like / Pass after the first call. The page re-renders with the outcome once it is saved. */
export function DecisionButtons({ matchId, otherName, size = "md" }: { matchId: number; otherName: string; size?: "md" | "lg" }) {
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useState<"like" | "pass" | null>(null);
  const [error, setError] = useState<string | null>(null);

  function choose(decision: "like" | "pass") {
    setChoice(decision);
    setError(null);
    startTransition(async () => {
      const state = await decideOnMatch(matchId, decision);
      if (!state.ok) {
        setError(state.error);
        setChoice(null);
      }
    });
  }

  const height = size === "lg" ? "min-h-14 text-base" : "min-h-11";
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-2" role="group" aria-label={`Your decision about ${otherName}`}>
        <button type="button" onClick={() => choose("pass")} disabled={pending} className={`btn-secondary ${height}`}>
          {pending && choice === "pass" ? "Saving…" : "Pass"}
        </button>
        <button type="button" onClick={() => choose("like")} disabled={pending} className={`btn-primary ${height}`}>
          {pending && choice === "like" ? "Saving…" : "❤️ Like"}
        </button>
      </div>
      <FormError message={error} />
    </div>
  );
}
