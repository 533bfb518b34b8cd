"use client";

import { useState } from "react";
import { toast } from "sonner";
import { anotherIcebreaker, errorMessage } from "@/lib/api/client";
import type { SessionView } from "@/lib/calls/types";

type Icebreaker = NonNullable<SessionView["icebreaker"]>;

/** The later of two prompts: turns only move forward, so an older answer never wins. */
const later = (a: Icebreaker | null, b: Icebreaker | null) => (!a ? b : !b ? a : b.turn > a.turn ? b : a);

/**
 * The call's icebreaker, the same for both members because it is the server's: the session's
 * own prompt on a first call, none on a repeat call until one of them asks. "Another one" moves
 * it on for both; the other page learns it from its event stream (or its next check-in).
 */
export function IcebreakerCard({ sessionId, icebreaker }: { sessionId: string; icebreaker: Icebreaker | null }) {
  // This member's own tap, shown at once, until the session (event, check-in) catches up.
  const [mine, setMine] = useState<Icebreaker | null>(null);
  const [pending, setPending] = useState(false);
  const shown = later(icebreaker, mine);

  async function next() {
    setPending(true);
    try {
      setMine((await anotherIcebreaker(sessionId, shown?.turn ?? null)).session.icebreaker);
    } catch (err) {
      toast.error(errorMessage(err, "Couldn't fetch another question."));
    } finally {
      setPending(false);
    }
  }

  if (!shown) {
    return (
      <button
        type="button"
        onClick={() => void next()}
        disabled={pending}
        data-testid="icebreaker-ask"
        className="rounded-full bg-black/40 px-3 py-1.5 text-xs font-medium text-white/90 backdrop-blur transition hover:bg-black/55 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white/70 disabled:opacity-70"
      >
        💬 {pending ? "Finding one…" : "Need an icebreaker?"}
      </button>
    );
  }

  return (
    <section
      aria-label="Icebreaker"
      data-testid="icebreaker"
      data-turn={shown.turn}
      className="w-full rounded-2xl bg-black/45 px-4 py-3 text-white shadow-lg ring-1 ring-white/15 backdrop-blur-md"
    >
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1 text-sm leading-snug sm:text-base">
          <span className="mb-0.5 block text-[11px] font-semibold uppercase tracking-wide text-pink-200">Icebreaker</span>
          <span data-testid="icebreaker-prompt" aria-live="polite">
            {shown.prompt}
          </span>
        </p>
        <button
          type="button"
          onClick={() => void next()}
          disabled={pending}
          className="shrink-0 self-center rounded-full bg-white/20 px-3 py-1.5 text-xs font-semibold transition hover:bg-white/30 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white/70 disabled:opacity-60"
        >
          Another one
        </button>
      </div>
    </section>
  );
}
