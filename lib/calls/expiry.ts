import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallStatus } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { anyDueSql, dueAtSql, isDueSql, LIVE_STATUSES_SQL, nextDeadline, TIME_RULES, vanishedMemberSql, type LiveTiming } from "@/lib/calls/time-rules";
import { lockMatches, transitionMatches } from "@/lib/matches/state";
import { sessionsChanged, type SessionChange } from "@/lib/calls/effects";
import { settlePresence, vouchedUntil } from "@/lib/calls/presence";

/**
 * Applies the time-based transitions that are due: ringing past the ring timeout → missed,
 * active first calls past their cap → completed (and the match → awaiting_decision). Runs on
 * every read and write that could see such a session, and from the periodic sweeper, so the
 * rules hold with or without a background process. Also ends active calls a member vanished
 * from. Returns the active sessions it ended (whose media rooms should be emptied).
 */
export async function resolveExpired(tx: Tx, scope: { matchId?: number; userId?: number } = {}): Promise<string[]> {
  const t = now();
  const where =
    scope.matchId !== undefined
      ? Prisma.sql`AND "matchId" = ${scope.matchId}`
      : scope.userId !== undefined
        ? Prisma.sql`AND ("callerId" = ${scope.userId} OR "calleeId" = ${scope.userId})`
        : Prisma.empty;
  const due = anyDueSql(t);
  const { ringTimeout, cap, vanished: gone } = TIME_RULES;
  // Lock the matches of the sessions about to expire, in id order, before touching the sessions:
  // the lifecycle's own order (match, then session), so an unscoped resolution (the sweeper, a
  // member's poll) cannot deadlock with a join or end on the same match. `t` is fixed, so the set
  // of expiring sessions can only shrink between this lock and the updates.
  const locked = await lockMatches(tx, Prisma.sql`id IN (SELECT "matchId" FROM "CallSession" WHERE ${due} ${where})`);
  // Nothing due (what nearly every step finds): no match locked, nothing to update.
  if (!locked.length) return [];
  type Row = { id: string; matchId: number; callerId: number; calleeId: number; kind: string };
  const returning = Prisma.sql`RETURNING id, "matchId", "callerId", "calleeId", kind::text AS kind`;
  const missed = await tx.$queryRaw<Row[]>`
    UPDATE "CallSession"
    SET status = 'missed', "endedAt" = ${dueAtSql(ringTimeout)}, "endReason" = 'timeout'
    WHERE ${isDueSql(ringTimeout, t)} ${where}
    ${returning}`;
  const capped = await tx.$queryRaw<Row[]>`
    UPDATE "CallSession"
    SET status = 'completed', "endedAt" = ${dueAtSql(cap)}, "endReason" = 'cap'
    WHERE ${isDueSql(cap, t)} ${where}
    ${returning}`;
  // A member vanished (no check-in for HEARTBEAT_TIMEOUT_SECONDS): the call ended when they were
  // last seen, and endedById says who that was. Runs after the cap, so a capped call still ends
  // exactly at its cap.
  const vanished = await tx.$queryRaw<Row[]>`
    UPDATE "CallSession"
    SET status = 'completed', "endedAt" = GREATEST("answeredAt", ${gone.startSql}), "endReason" = 'left', "endedById" = ${vanishedMemberSql()}
    WHERE ${isDueSql(gone, t)} ${where}
    ${returning}`;
  const cutOff = [...capped, ...vanished];
  // The one first call that connected is used up: those matches move on to the decision.
  const firstCallMatches = cutOff.filter((c) => c.kind === "first").map((c) => c.matchId);
  await transitionMatches(tx, firstCallMatches, "pending", "awaiting_decision");
  const ended = [...missed, ...cutOff];
  if (ended.length) await tx.callSignal.deleteMany({ where: { sessionId: { in: ended.map((e) => e.id) } } });
  const change = (r: Row, from: CallStatus, to: CallStatus): SessionChange => ({
    id: r.id,
    matchId: r.matchId,
    callerId: r.callerId,
    calleeId: r.calleeId,
    from,
    to,
  });
  await sessionsChanged(tx, [
    ...missed.map((r) => change(r, "ringing", "missed")),
    ...cutOff.map((r) => change(r, "active", "completed")),
  ]);
  return cutOff.map((c) => c.id);
}

/**
 * Whether a time rule may be due at `t` on this session, read from its row: false only when none
 * can be, so a step that holds the session may skip resolveExpired. The answer is never later
 * than the SQL's: the cap without the outage under way, a vouch by another instance as this one
 * last read it (unknown: the stored check-in), both of which only move a deadline later in SQL.
 * An early "maybe" costs only the resolution, which decides.
 */
export function mayBeDue(s: LiveTiming & { callerSeenBy: string | null; calleeSeenBy: string | null }, t: Date): boolean {
  const lastSeen = (role: "caller" | "callee") => {
    const stored = s[`${role}SeenAt`];
    const until = vouchedUntil(s[`${role}SeenBy`]);
    return until === null || (stored && stored.getTime() >= until) ? stored : new Date(until);
  };
  return nextDeadline([{ ...s, callerSeenAt: lastSeen("caller"), calleeSeenAt: lastSeen("callee") }]) <= t.getTime();
}

/**
 * Resolves expired sessions for one member (used before the read-only queries). The notification
 * polls this every 3 s per member and almost always nothing is due, so a single cheap read decides
 * whether the locking transaction is needed at all.
 */
export async function resolveExpiredFor(userId: number): Promise<void> {
  await settlePresence();
  const due = anyDueSql(now());
  const [{ any }] = await prisma.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "CallSession"
      WHERE status IN (${LIVE_STATUSES_SQL}) AND ("callerId" = ${userId} OR "calleeId" = ${userId}) AND ${due}
    ) AS any`;
  if (any) await transaction((tx) => resolveExpired(tx, { userId }));
}

/** Periodic safety net for sessions nobody reads: ring timeouts and first-call caps. */
export async function sweepExpiredSessions(): Promise<string[]> {
  await settlePresence();
  return transaction((tx) => resolveExpired(tx));
}
