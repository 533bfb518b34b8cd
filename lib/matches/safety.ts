import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/errors";
import { endLiveSessionsOfMatch } from "@/lib/calls/lifecycle";
import { closeMediaRooms } from "@/lib/media/rooms";

async function lockOwnMatch(tx: Tx, userId: number, matchId: number) {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Match" WHERE id = ${matchId} FOR UPDATE`;
  if (!locked.length) throw notFound("Match not found.");
  const m = await tx.match.findUniqueOrThrow({ where: { id: matchId } });
  if (m.userAId !== userId && m.userBId !== userId) throw notFound("Match not found.");
  if (m.status === "blocked") throw notFound("Match not found.");
  return { match: m, otherId: m.userAId === userId ? m.userBId : m.userAId };
}

/** Ends the match for both; any ringing or active call of it ends too. */
export async function unmatch(userId: number, matchId: number) {
  const result = await prisma.$transaction(async (tx) => {
    const { match } = await lockOwnMatch(tx, userId, matchId);
    if (match.status === "unmatched") throw conflict("You already unmatched.", "already_unmatched");
    const ended = await endLiveSessionsOfMatch(tx, matchId, userId, "unmatched");
    await tx.match.update({ where: { id: matchId }, data: { status: "unmatched", closedAt: now(), closedById: userId } });
    log.info({ matchId, userId, endedSessions: ended }, "match unmatched");
    return { match_id: matchId, status: "unmatched" as const, ended_sessions: ended };
  });
  await closeMediaRooms(result.ended_sessions);
  return result;
}

/** As unmatch, and the two are never matched again nor shown to each other anywhere. */
export async function block(userId: number, matchId: number) {
  const result = await prisma.$transaction((tx) => blockInTx(tx, userId, matchId));
  await closeMediaRooms(result.ended_sessions);
  return result;
}

/**
 * The block itself, inside a caller's transaction (a report that also blocks is one unit). The
 * caller closes the media rooms of `ended_sessions` once its transaction has committed.
 */
export async function blockInTx(tx: Tx, userId: number, matchId: number) {
  const { otherId } = await lockOwnMatch(tx, userId, matchId);
  const ended = await endLiveSessionsOfMatch(tx, matchId, userId, "blocked");
  await tx.match.update({ where: { id: matchId }, data: { status: "blocked", closedAt: now(), closedById: userId } });
  await tx.block.upsert({
    where: { blockerId_blockedId: { blockerId: userId, blockedId: otherId } },
    update: {},
    create: { blockerId: userId, blockedId: otherId },
  });
  log.info({ matchId, userId, endedSessions: ended }, "member blocked");
  return { match_id: matchId, status: "blocked" as const, ended_sessions: ended };
}
