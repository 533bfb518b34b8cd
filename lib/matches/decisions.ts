import "server-only";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { announceMatch, lockOwnMatch, transitionMatch } from "@/lib/matches/state";
import type { Decision, MatchStatus } from "@/lib/generated/prisma/enums";

// Decisions after the first call. The match's states and edges are drawn in lib/matches/rules.ts;
// the first edge (pending → awaiting_decision) is taken by the call lifecycle when the first call
// completes, the decision edges (→ matched / passed) here, once both members have decided.

export interface DecisionResult {
  match_id: number;
  status: MatchStatus;
  my_decision: Decision;
  /** Known only once both have decided; until then null, so nobody learns the other's choice. */
  outcome: "mutual" | "passed" | null;
}

export async function decide(userId: number, matchId: number, decision: Decision): Promise<DecisionResult> {
  return transaction(async (tx) => {
    const { match: m } = await lockOwnMatch(tx, userId, matchId);
    const side = m.userAId === userId ? "A" : "B";
    const mine = side === "A" ? m.decisionA : m.decisionB;

    if (mine) {
      // Saying the same thing twice is harmless (a double click); changing your mind is not allowed.
      if (mine !== decision) throw conflict(`You already chose ${mine}; decisions are final.`, "already_decided");
      return result(m.id, m.status, mine);
    }
    if (m.status === "pending") throw conflict("Have your first video call before deciding.", "call_first");
    if (m.status !== "awaiting_decision") throw conflict("This match is no longer waiting for a decision.", "not_deciding");

    const t = now();
    const own = side === "A" ? { decisionA: decision, decidedAAt: t } : { decisionB: decision, decidedBAt: t };
    const decisionA = side === "A" ? decision : m.decisionA;
    const decisionB = side === "B" ? decision : m.decisionB;
    if (!decisionA || !decisionB) {
      // The first of the two decisions: recorded, the match keeps waiting for the other.
      await tx.match.update({ where: { id: matchId }, data: own });
      // The other member's "Waiting for …" page re-reads at once (the event doesn't say what was chosen).
      await announceMatch(tx, m, m.status);
      return result(matchId, m.status, decision);
    }
    const status: MatchStatus = decisionA === "like" && decisionB === "like" ? "matched" : "passed";
    await transitionMatch(tx, m, status, { ...own, closedAt: t });
    if (status === "matched") log.info({ matchId }, `💕 Mutual match detected! Match ${matchId} is now mutual`);
    return result(matchId, status, decision);
  });
}

function result(matchId: number, status: MatchStatus, mine: Decision): DecisionResult {
  return {
    match_id: matchId,
    status,
    my_decision: mine,
    outcome: status === "matched" ? "mutual" : status === "passed" ? "passed" : null,
  };
}
