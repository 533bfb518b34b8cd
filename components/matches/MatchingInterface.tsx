"use client";

import type { MatchView } from "@/lib/matches/view";
import { MatchCard } from "@/components/matches/MatchCard";
import { useAutoRefresh } from "@/lib/events/browser/use-auto-refresh";

// What needs the member first: a call in progress, then their own decision, then the rest.
function priority(m: MatchView): number {
  if (m.live_session) return 0;
  if (m.status === "awaiting_decision" && !m.my_decision) return 1;
  if (m.status === "matched") return 2;
  if (m.status === "pending") return 3;
  return 4;
}

/**
 * Every match of the member as a card, kept current while open (the other member decides,
 * calls, or hangs up meanwhile). Passed matches are folded away at the bottom.
 */
export function MatchingInterface({ matches, firstCallSeconds }: { matches: MatchView[]; firstCallSeconds: number }) {
  useAutoRefresh(10_000);
  const open = matches.filter((m) => m.status !== "passed").sort((a, b) => priority(a) - priority(b));
  const passed = matches.filter((m) => m.status === "passed");

  return (
    <div className="space-y-8">
      {open.length > 0 && (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="match-grid">
          {open.map((m) => (
            <li key={m.match_id} className="flex">
              <MatchCard match={m} firstCallSeconds={firstCallSeconds} />
            </li>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <details className="group rounded-2xl border border-slate-200 bg-white/60">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 text-sm font-semibold text-slate-600">
            <span>Not a match ({passed.length})</span>
            <span aria-hidden="true" className="motion-safe:transition group-open:rotate-180">
              ▾
            </span>
          </summary>
          <ul className="grid gap-4 border-t border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-3">
            {passed.map((m) => (
              <li key={m.match_id} className="flex opacity-80">
                <MatchCard match={m} firstCallSeconds={firstCallSeconds} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
