import "server-only";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { Prisma, type CallSession, type CallStatus } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { isLive, LIVE_STATUSES } from "@/lib/calls/rules";
import { dueAtSql, LIVE_STATUSES_SQL, TIME_RULES, ts } from "@/lib/calls/time-rules";
import { lockMatches, transitionMatches, withMatchLock } from "@/lib/matches/state";
import { resolveExpired } from "@/lib/calls/expiry";
import { sessionsChanged } from "@/lib/calls/effects";
import { finish } from "@/lib/calls/end-call";
import { sessionInclude, type LoadedSession } from "@/lib/calls/session-view";
import type { EndReason } from "@/lib/calls/types";

// Ends for reasons outside the call itself: unmatch, block, ban, an admin's force-end, the media
// room emptying. Live sessions end as a hang-up would: ringing → cancelled, active → completed.

/** Ends a match's live sessions. Must run inside a transaction that holds the match lock. */
export async function endLiveSessionsOfMatch(tx: Tx, matchId: number, byUserId: number | null, reason: EndReason): Promise<string[]> {
  const live = await tx.callSession.findMany({ where: { matchId, status: { in: LIVE_STATUSES } }, include: sessionInclude });
  for (const s of live) await finish(tx, s, s.status === "active" ? "completed" : "cancelled", byUserId, reason);
  return live.map((s) => s.id);
}

/** Ends one session by id for a system reason (media webhook). Returns it, or null if unknown. */
export async function endSessionBySystem(sessionId: string, reason: EndReason, byUserId: number | null = null): Promise<CallSession | null> {
  return transaction(async (tx) => (await endSessionInTx(tx, sessionId, reason, byUserId))?.session ?? null);
}

/**
 * The system end of one session inside a caller's transaction (an admin force-end writes its
 * audit entry in the same unit): locks the match, applies due time rules, then ends the session
 * if it is still live. Returns the session and the status this call ended it from (null when it
 * had already ended), or null if it doesn't exist.
 */
export async function endSessionInTx(
  tx: Tx,
  sessionId: string,
  reason: EndReason,
  byUserId: number | null,
): Promise<{ session: LoadedSession; endedFrom: CallStatus | null } | null> {
  const head = await tx.callSession.findUnique({ where: { id: sessionId }, select: { matchId: true } });
  if (!head) return null;
  await withMatchLock(tx, head.matchId);
  await resolveExpired(tx, { matchId: head.matchId });
  const s = await tx.callSession.findUniqueOrThrow({ where: { id: sessionId }, include: sessionInclude });
  if (!isLive(s.status)) return { session: s, endedFrom: null };
  const ended = await finish(tx, s, s.status === "active" ? "completed" : "cancelled", byUserId, reason);
  return { session: ended, endedFrom: s.status };
}

/**
 * Ends every ringing or active session of a member in one set-based statement (a ban), never
 * past a first call's cap. The member's matches must already be locked by the caller (in id
 * order). Returns the ended sessions' ids.
 */
export async function endLiveSessionsOfMember(tx: Tx, userId: number, byUserId: number | null, reason: EndReason): Promise<string[]> {
  const t = now();
  // Unqualified columns are the session's: `live` has only id and status.
  const capAt = dueAtSql(TIME_RULES.cap);
  const rows = await tx.$queryRaw<{ id: string; matchId: number; callerId: number; calleeId: number; kind: string; from: CallStatus }[]>`
    WITH live AS (
      SELECT id, status FROM "CallSession"
      WHERE status IN (${LIVE_STATUSES_SQL}) AND ("callerId" = ${userId} OR "calleeId" = ${userId})
      FOR UPDATE
    )
    UPDATE "CallSession" cs
    SET status = (CASE WHEN live.status = 'active' THEN 'completed' ELSE 'cancelled' END)::"CallStatus",
        "endedAt" = CASE WHEN ${capAt} < ${ts(t)} THEN ${capAt} ELSE ${ts(t)} END,
        "endedById" = ${byUserId}, "endReason" = ${reason}
    FROM live WHERE cs.id = live.id
    RETURNING cs.id, cs."matchId", cs."callerId", cs."calleeId", cs.kind::text AS kind, live.status::text AS "from"`;
  if (!rows.length) return [];
  await tx.callSignal.deleteMany({ where: { sessionId: { in: rows.map((r) => r.id) } } });
  const firstCallMatches = rows.filter((r) => r.from === "active" && r.kind === "first").map((r) => r.matchId);
  await transitionMatches(tx, firstCallMatches, "pending", "awaiting_decision");
  await sessionsChanged(
    tx,
    rows.map((r) => ({ id: r.id, matchId: r.matchId, callerId: r.callerId, calleeId: r.calleeId, from: r.from, to: r.from === "active" ? "completed" : "cancelled" })),
  );
  log.info({ userId, reason, sessions: rows.map((r) => r.id) }, "member's live calls ended");
  return rows.map((r) => r.id);
}

/**
 * Locks a member's row before withdrawMemberFromCalls (a ban, an account's deletion), with what
 * those check first; empty when there is no such member. FOR NO KEY UPDATE, not FOR UPDATE: a
 * call starting on one of the member's matches holds that match's lock and then inserts its
 * session, whose foreign keys take FOR KEY SHARE on both members' rows. FOR UPDATE conflicts with
 * that, so each waited for the other (a deadlock the lifecycle fuzzer found); NO KEY UPDATE does
 * not, and still keeps two bans or deletions of one member apart.
 */
export async function lockMemberToWithdraw(tx: Tx, userId: number) {
  return tx.$queryRaw<{ role: string; bannedAt: Date | null; deletedAt: Date | null }[]>`
    SELECT role::text AS role, "bannedAt", "deletedAt" FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
}

/**
 * A member leaves every call and every match that could still go on (a ban, an account's
 * deletion). Locks all their matches in id order first, so no call can start or be answered on
 * them halfway through; ends their ringing/active calls; then closes the matches that can never
 * go on: pending (no first call now) and awaiting a decision that will never come. Mutual and
 * passed matches stay (the other member's list and history). The member's row must already be
 * locked by the caller.
 */
export async function withdrawMemberFromCalls(tx: Tx, userId: number, byUserId: number, reason: EndReason): Promise<{ ended_sessions: string[]; closed_matches: number[] }> {
  const matches = await lockMatches(tx, Prisma.sql`"userAId" = ${userId} OR "userBId" = ${userId}`);
  const t = now();
  const ended = await endLiveSessionsOfMember(tx, userId, byUserId, reason);
  // Re-read: ending a connected first call may just have moved its match to the decision.
  const open = await tx.match.findMany({
    where: { id: { in: matches.map((m) => m.id) }, status: { in: ["pending", "awaiting_decision"] } },
    select: { id: true, status: true },
  });
  const closed: number[] = [];
  for (const from of ["pending", "awaiting_decision"] as const) {
    const ids = open.filter((m) => m.status === from).map((m) => m.id);
    closed.push(...(await transitionMatches(tx, ids, from, "unmatched", { closedAt: t, closedById: byUserId })));
  }
  return { ended_sessions: ended, closed_matches: closed.sort((a, b) => a - b) };
}
