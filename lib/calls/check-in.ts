import "server-only";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/http/http-error";
import { isLive } from "@/lib/calls/rules";
import { anyDueSql, LIVE_STATUSES_SQL, mediaDownSetSql, ts, type MediaReport } from "@/lib/calls/time-rules";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { sessionInclude, toSessionView } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";

/**
 * A session as one of its members sees it, or 404. For a live session this is also the member's
 * check-in (heartbeat): the call page polls it every 1.5 s while the call rings or runs, and says
 * `mediaPlaying` while the other's media plays (`mediaDown` once it stopped after playing). The check-in is one conditional UPDATE of this
 * member's own columns, without the match lock; the locking transaction runs only when a time
 * rule is due for the session (ring timeout, cap, a vanished member), so polling cannot pile up
 * row locks or hold up a join or hang-up on the same match.
 */
export async function sessionFor(userId: number, sessionId: string, { mediaPlaying = false, mediaDown = false } = {}): Promise<SessionView> {
  const checkedIn = await checkIn(userId, sessionId, mediaPlaying ? "playing" : mediaDown ? "down" : null);
  const s = await prisma.callSession.findUnique({ where: { id: sessionId }, include: sessionInclude });
  if (!s || (s.callerId !== userId && s.calleeId !== userId) || s.match.status === "blocked") throw notFound("Call not found.");
  if (checkedIn || !isLive(s.status)) return toSessionView(s, userId);
  // Live but not checked in: a time rule is due. Apply it under the lock, then check in if still live.
  return transaction(async (tx) => {
    const locked = await lockedSessionFor(tx, sessionId, userId);
    if (!isLive(locked.status)) return toSessionView(locked, userId);
    const seen = locked.callerId === userId ? { callerSeenAt: now() } : { calleeSeenAt: now() };
    const updated = await tx.callSession.update({ where: { id: locked.id }, data: seen, include: sessionInclude });
    return toSessionView(updated, userId);
  });
}

/**
 * The check-in itself: stamps this member's seen-at (and, once, their media report while the
 * call is active) on their live session, unless a time rule is due for it. True when it did.
 */
async function checkIn(userId: number, sessionId: string, report: MediaReport): Promise<boolean> {
  const t = now();
  const due = anyDueSql(t);
  const stamp = (column: "callerSeenAt" | "calleeSeenAt", member: "callerId" | "calleeId") =>
    Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN ${Prisma.raw(`"${member}"`)} = ${userId} THEN ${ts(t)} ELSE ${Prisma.raw(`"${column}"`)} END`;
  const updated = await prisma.$executeRaw`
    UPDATE "CallSession"
    SET ${stamp("callerSeenAt", "callerId")}, ${stamp("calleeSeenAt", "calleeId")}${report === "playing" ? Prisma.sql`, ${mediaStamp(userId, t)}` : Prisma.empty}${report ? Prisma.sql`, ${mediaDownSetSql(userId, report, t)}` : Prisma.empty}
    WHERE id = ${sessionId}::uuid AND ${userId} IN ("callerId", "calleeId") AND status IN (${LIVE_STATUSES_SQL}) AND NOT ${due}`;
  return updated === 1;
}

/** SET clause: the member's media evidence, first report wins, only while the call is active. */
function mediaStamp(userId: number, t: Date) {
  const one = (column: string, member: string) =>
    Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN ${Prisma.raw(`"${member}"`)} = ${userId} AND status = 'active'
      THEN COALESCE(${Prisma.raw(`"${column}"`)}, ${ts(t)}) ELSE ${Prisma.raw(`"${column}"`)} END`;
  return Prisma.sql`${one("callerMediaAt", "callerId")}, ${one("calleeMediaAt", "calleeId")}`;
}

/**
 * Media evidence from outside the member's page (LiveKit saw them publish a track): recorded on
 * the active session, first report wins. False when the session is not active or not theirs.
 */
export async function recordMediaEvidence(sessionId: string, userId: number): Promise<boolean> {
  const updated = await prisma.$executeRaw`
    UPDATE "CallSession" SET ${mediaStamp(userId, now())}
    WHERE id = ${sessionId}::uuid AND ${userId} IN ("callerId", "calleeId") AND status = 'active'`;
  return updated === 1;
}
