import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/errors";
import type { Decision, MatchStatus } from "@/lib/generated/prisma/enums";

// The match state machine:
//   pending ──first call connected & ended──▶ awaiting_decision ──both like──▶ matched
//                                                    └──any pass (once both decided)──▶ passed
//   any open state ──unmatch──▶ unmatched;  ──block──▶ blocked   (lib/matches/safety.ts)
// The first transition happens in lib/calls/lifecycle.ts when the first call completes.

export interface DecisionResult {
  match_id: number;
  status: MatchStatus;
  my_decision: Decision;
  /** Known only once both have decided; until then null, so nobody learns the other's choice. */
  outcome: "mutual" | "passed" | null;
}

export async function decide(userId: number, matchId: number, decision: Decision): Promise<DecisionResult> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Match" WHERE id = ${matchId} FOR UPDATE`;
    if (!locked.length) throw notFound("Match not found.");
    const m = await tx.match.findUniqueOrThrow({ where: { id: matchId } });
    const side = m.userAId === userId ? "A" : m.userBId === userId ? "B" : null;
    if (!side || m.status === "blocked") throw notFound("Match not found.");
    const mine = side === "A" ? m.decisionA : m.decisionB;

    if (mine) {
      // Saying the same thing twice is harmless (a double click); changing your mind is not allowed.
      if (mine !== decision) throw conflict(`You already chose ${mine}; decisions are final.`, "already_decided");
      return result(m.id, m.status, mine);
    }
    if (m.status === "pending") throw conflict("Have your first video call before deciding.", "call_first");
    if (m.status !== "awaiting_decision") throw conflict("This match is no longer waiting for a decision.", "not_deciding");

    const t = now();
    const decisionA = side === "A" ? decision : m.decisionA;
    const decisionB = side === "B" ? decision : m.decisionB;
    let status: MatchStatus = "awaiting_decision";
    if (decisionA && decisionB) status = decisionA === "like" && decisionB === "like" ? "matched" : "passed";
    await tx.match.update({
      where: { id: matchId },
      data: {
        ...(side === "A" ? { decisionA: decision, decidedAAt: t } : { decisionB: decision, decidedBAt: t }),
        status,
        ...(status !== "awaiting_decision" ? { closedAt: t } : {}),
      },
    });
    if (status === "matched") log.info({ matchId }, `💕 Mutual match detected! Match ${matchId} is now mutual`);
    return result(matchId, status, decision);
  }, { timeout: 15_000, maxWait: 10_000 });
}

function result(matchId: number, status: MatchStatus, mine: Decision): DecisionResult {
  return {
    match_id: matchId,
    status,
    my_decision: mine,
    outcome: status === "matched" ? "mutual" : status === "passed" ? "passed" : null,
  };
}
