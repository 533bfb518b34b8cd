import "server-only";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/http/http-error";
import { CONNECTED_AFTER_SECONDS, isLive } from "@/lib/calls/rules";
import { anyDueSql, LIVE_STATUSES_SQL, mediaDownSetSql, ts, type MediaReport } from "@/lib/calls/time-rules";
import { mayBeDue } from "@/lib/calls/expiry";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { ensureAlive, forgetSession, knowInstance, noteCheckIn, settlePresence, vouched, vouchingId } from "@/lib/calls/presence";
import { sessionInclude, toSessionView, type LoadedSession } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";

/**
 * A session as one of its members sees it, or 404. For a live session this is also the member's
 * check-in (heartbeat): the call page polls it every 1.5 s while the call rings or runs, and says
 * `mediaPlaying` while the other's media plays (`mediaDown` once it stopped after playing).
 *
 * A check-in that changes nothing writes nothing: one read of the session, and the check-in kept
 * in this instance's memory (lib/calls/presence.ts). It writes — one conditional UPDATE of this
 * member's own columns, without the match lock — only when something changes: nobody alive
 * vouches for the member yet (they connected, or their instance died), their media report
 * changed, or they just passed the 20 s of presence that count as media evidence. The locking
 * transaction runs only when a time rule is due (ring timeout, cap, a vanished member), so
 * polling never queues behind a join or hang-up on the same match.
 */
export async function sessionFor(userId: number, sessionId: string, { mediaPlaying = false, mediaDown = false } = {}): Promise<SessionView> {
  await settlePresence();
  const report: MediaReport = mediaPlaying ? "playing" : mediaDown ? "down" : null;
  const s = await prisma.callSession.findUnique({ where: { id: sessionId }, include: sessionInclude });
  if (!s || (s.callerId !== userId && s.calleeId !== userId) || s.match.status === "blocked") throw notFound("Call not found.");
  if (!isLive(s.status)) {
    forgetSession(s.id);
    return toSessionView(s, userId);
  }
  const role = s.callerId === userId ? "caller" : "callee";
  const t = now();
  await knowInstance(s[`${role}SeenBy`]);
  const { vouch } = noteCheckIn(s.id, role, s[`${role}SeenBy`], t);
  if (!vouch && !changes(s, role, report, t) && !mayBeDue(s, t)) return toSessionView(s, userId);
  if (vouch) await ensureAlive();
  if (await checkIn(userId, sessionId, report, t)) {
    vouched(s.id, role);
    return toSessionView(await prisma.callSession.findUniqueOrThrow({ where: { id: sessionId }, include: sessionInclude }), userId);
  }
  // A time rule is due: apply it under the lock, then check in if still live.
  return transaction(async (tx) => {
    const locked = await lockedSessionFor(tx, sessionId, userId);
    if (!isLive(locked.status)) return toSessionView(locked, userId);
    const seen = locked.callerId === userId ? { callerSeenAt: now(), callerSeenBy: vouchingId() } : { calleeSeenAt: now(), calleeSeenBy: vouchingId() };
    const updated = await tx.callSession.update({ where: { id: locked.id }, data: seen, include: sessionInclude });
    vouched(locked.id, role);
    return toSessionView(updated, userId);
  });
}

/** Whether this check-in says something the row does not hold yet. */
function changes(s: LoadedSession, role: "caller" | "callee", report: MediaReport, t: Date): boolean {
  if (s.status !== "active") return false;
  const mediaAt = s[`${role}MediaAt`];
  const down = s[`${role}MediaDown`];
  const firstCall = s.capSeconds !== null;
  if (report === "playing" && (!mediaAt || (firstCall && down))) return true;
  if (report === "down" && firstCall && mediaAt && !down) return true;
  // Both members present 20 s after the answer is evidence (rules.ts mediaConnected): the check-in
  // that crosses that line is stored, as every check-in was before.
  if (!s.callerMediaAt && !s.calleeMediaAt && s.answeredAt) {
    const line = s.answeredAt.getTime() + CONNECTED_AFTER_SECONDS * 1000;
    const stored = s[`${role}SeenAt`];
    if (t.getTime() >= line && (!stored || stored.getTime() < line)) return true;
  }
  return false;
}

/**
 * The check-in's write: stamps this member's seen-at and names this instance as vouching for
 * them, and, once, their media report while the call is active, unless a time rule is due. True
 * when it did.
 */
async function checkIn(userId: number, sessionId: string, report: MediaReport, t: Date): Promise<boolean> {
  const due = anyDueSql(t);
  const stamp = (column: string, member: "callerId" | "calleeId", value: Prisma.Sql) =>
    Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN ${Prisma.raw(`"${member}"`)} = ${userId} THEN ${value} ELSE ${Prisma.raw(`"${column}"`)} END`;
  const me = Prisma.sql`${vouchingId()}::uuid`;
  const updated = await prisma.$executeRaw`
    UPDATE "CallSession"
    SET ${stamp("callerSeenAt", "callerId", ts(t))}, ${stamp("calleeSeenAt", "calleeId", ts(t))},
        ${stamp("callerSeenBy", "callerId", me)}, ${stamp("calleeSeenBy", "calleeId", me)}${report === "playing" ? Prisma.sql`, ${mediaStamp(userId, t)}` : Prisma.empty}${report ? Prisma.sql`, ${mediaDownSetSql(userId, report, t)}` : Prisma.empty}
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
