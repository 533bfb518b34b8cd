import "server-only";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { endLiveSessionsOfMatch } from "@/lib/calls/end-by-system";
import { lockOwnMatch, transitionMatch } from "@/lib/matches/state";

/** Ends the match for both; any ringing or active call of it ends too. */
export async function unmatch(userId: number, matchId: number) {
  return transaction(async (tx) => {
    const { match } = await lockOwnMatch(tx, userId, matchId);
    if (match.status === "unmatched") throw conflict("You already unmatched.", "already_unmatched");
    const ended = await endLiveSessionsOfMatch(tx, matchId, userId, "unmatched");
    await transitionMatch(tx, await reread(tx, match.id), "unmatched", { closedAt: now(), closedById: userId });
    log.info({ matchId, userId, endedSessions: ended }, "match unmatched");
    return { match_id: matchId, status: "unmatched" as const, ended_sessions: ended };
  });
}

/** As unmatch, and the two are never matched again nor shown to each other anywhere. */
export async function block(userId: number, matchId: number) {
  return transaction((tx) => blockInTx(tx, userId, matchId));
}

/** The block itself, inside a caller's transaction (a report that also blocks is one unit). */
export async function blockInTx(tx: Tx, userId: number, matchId: number) {
  const { match, otherId } = await lockOwnMatch(tx, userId, matchId);
  const ended = await endLiveSessionsOfMatch(tx, matchId, userId, "blocked");
  await transitionMatch(tx, await reread(tx, match.id), "blocked", { closedAt: now(), closedById: userId });
  await tx.block.upsert({
    where: { blockerId_blockedId: { blockerId: userId, blockedId: otherId } },
    update: {},
    create: { blockerId: userId, blockedId: otherId },
  });
  log.info({ matchId, userId, endedSessions: ended }, "member blocked");
  return { match_id: matchId, status: "blocked" as const, ended_sessions: ended };
}

/** Ending a connected first call may just have moved the (locked) match to awaiting_decision. */
function reread(tx: Tx, matchId: number) {
  return tx.match.findUniqueOrThrow({ where: { id: matchId }, select: { id: true, status: true } });
}
