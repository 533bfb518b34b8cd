import "server-only";
import { z } from "zod";
import { transaction } from "@/lib/db/transaction";
import { publishEvent } from "@/lib/events/publish";
import { conflict } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { sessionInclude, toSessionView } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";
import { nextIcebreakerTurn } from "@/lib/icebreakers/rules";

export const anotherIcebreakerInput = z
  .object({
    /** The turn of the prompt the member was looking at; null when none was showing. */
    seen_turn: z.number().int().min(0).max(100_000).nullable(),
  })
  .strict();

/**
 * "Another one" (or, on a repeat call, "An icebreaker?"): moves the call's prompt on, under the
 * match lock, and tells both members' pages in the same transaction (`session.changed`), so the
 * other side shows the new prompt within a second and the 1.5 s check-in is the fallback. A tap
 * on a prompt that already moved on changes nothing and answers the current one. Only while the
 * call is active (409 `not_active`); anyone but its two members gets 404.
 */
export async function anotherIcebreaker(userId: number, sessionId: string, raw: z.input<typeof anotherIcebreakerInput>): Promise<SessionView> {
  const { seen_turn } = parse(anotherIcebreakerInput, raw);
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.status !== "active") throw conflict("Icebreakers are for calls in progress.", "not_active");
    const next = nextIcebreakerTurn(s, seen_turn);
    if (next === null) return toSessionView(s, userId);
    const updated = await tx.callSession.update({ where: { id: s.id }, data: { icebreakerTurn: next }, include: sessionInclude });
    await publishEvent(tx, { type: "session.changed", userIds: [s.callerId, s.calleeId], sessionId: s.id, matchId: s.matchId, status: updated.status });
    return toSessionView(updated, userId);
  });
}
