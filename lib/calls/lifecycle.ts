import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { afterCommit, transaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallSession, CallStatus } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/errors";
import { callTiming } from "@/lib/calls/config";
import { anyDueSql, dueAtSql, isDueSql, LIVE_STATUSES_SQL, TIME_RULES, ts } from "@/lib/calls/time-rules";
import {
  CALL_TYPE_LABEL,
  LIVE_STATUSES,
  RING_LIMIT_CALLS,
  canTransition,
  endedMessage,
  isLive,
  mediaConnected,
  ringLimitMessage,
  ringLimitUntil,
} from "@/lib/calls/rules";
import { closeMediaRooms } from "@/lib/media/rooms";
import { sendRingPush, sendRingStoppedPush } from "@/lib/push/ring-push";
import { publishEvent } from "@/lib/events/publish";
import type { MemberEvent } from "@/lib/events/types";
import { callRefusal } from "@/lib/matches/rules";
import { lockMatches, transitionMatches, withMatchLock } from "@/lib/matches/state";

// The one module that changes call sessions. Every change runs in a transaction
// (lib/db/transaction.ts) that first locks the match row (withMatchLock), so two requests about
// the same match — two Call presses, a join racing a decline — are applied one after the other,
// each seeing the other's result. Status updates are also conditional on the expected old
// status, as a second guard. Every status change, whichever path made it, is reported to
// sessionsChanged(), the one place its consequences are registered.

/** One session's status change, as every writer reports it. */
export interface SessionChange {
  id: string;
  matchId: number;
  callerId: number;
  calleeId: number;
  /** null: the session was just created (it starts ringing). */
  from: CallStatus | null;
  to: CallStatus;
}

/**
 * The consequences of session status changes, registered inside the transaction that made them:
 * both members' open tabs are told through their push channel (pg_notify in this transaction, so
 * only if it commits); a call that was active and has ended gets its media room closed after
 * commit, so nobody stays connected to media once the database says the call is over; a call
 * that starts or stops ringing is pushed to the callee's devices (Web Push).
 */
async function sessionsChanged(tx: Tx, changes: SessionChange[]) {
  for (const c of changes) await publishEvent(tx, sessionEvent(c));
  const endedActive = changes.filter((c) => c.from === "active" && c.to !== "active").map((c) => c.id);
  if (endedActive.length) afterCommit(tx, "close media rooms", () => closeMediaRooms(endedActive));
  // Web Push reaches the callee's devices even with every Meetcute tab closed; sent in the
  // background so it never delays the response (each send re-reads the committed session).
  for (const c of changes) {
    if (c.from === null && c.to === "ringing") afterCommit(tx, "ring push", () => sendRingPush(c.id), { background: true });
    if (c.from === "ringing" && c.to !== "ringing") afterCommit(tx, "ring stopped push", () => sendRingStoppedPush(c.id), { background: true });
  }
}

/** Started ringing, stopped ringing (answered or not), or changed after it was answered. */
function sessionEvent(c: SessionChange): MemberEvent {
  const about = { userIds: [c.callerId, c.calleeId], sessionId: c.id, matchId: c.matchId };
  if (c.from === null) return { type: "call.ringing", ...about };
  if (c.from === "ringing") return { type: "call.stopped_ringing", ...about, status: c.to };
  return { type: "session.changed", ...about, status: c.to };
}

export type EndReason = "hangup" | "media_failed" | "cap" | "timeout" | "left" | "unmatched" | "blocked" | "banned" | "admin";

export interface SessionView {
  session_id: string;
  /** The media room's name: the session UUID itself. */
  room_name: string;
  match_id: number;
  status: CallStatus;
  call_type: (typeof CALL_TYPE_LABEL)[keyof typeof CALL_TYPE_LABEL];
  is_mutual_match: boolean;
  role: "caller" | "callee";
  other_user_id: number;
  other_user_name: string;
  created_at: string;
  answered_at: string | null;
  ended_at: string | null;
  /** Server-enforced cap for first calls (seconds), null for repeat calls. */
  cap_seconds: number | null;
  /** When a ringing call stops ringing, or when a capped call is cut off. */
  rings_until: string | null;
  ends_at: string | null;
}

const sessionInclude = {
  match: { select: { status: true } },
  caller: { select: { profile: { select: { displayName: true } } } },
  callee: { select: { profile: { select: { displayName: true } } } },
} satisfies Prisma.CallSessionInclude;

type LoadedSession = Prisma.CallSessionGetPayload<{ include: typeof sessionInclude }>;

export function toSessionView(s: LoadedSession, viewerId: number): SessionView {
  const { ringTimeoutSeconds } = callTiming();
  const isCaller = s.callerId === viewerId;
  const other = isCaller ? s.callee : s.caller;
  return {
    session_id: s.id,
    room_name: s.id,
    match_id: s.matchId,
    status: s.status,
    call_type: CALL_TYPE_LABEL[s.kind],
    is_mutual_match: s.match.status === "matched",
    role: isCaller ? "caller" : "callee",
    other_user_id: isCaller ? s.calleeId : s.callerId,
    other_user_name: other.profile?.displayName ?? "Member",
    created_at: s.createdAt.toISOString(),
    answered_at: s.answeredAt?.toISOString() ?? null,
    ended_at: s.endedAt?.toISOString() ?? null,
    cap_seconds: s.capSeconds,
    rings_until: s.status === "ringing" ? new Date(s.createdAt.getTime() + ringTimeoutSeconds * 1000).toISOString() : null,
    ends_at: s.answeredAt && s.capSeconds ? new Date(s.answeredAt.getTime() + s.capSeconds * 1000).toISOString() : null,
  };
}

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
  await lockMatches(tx, Prisma.sql`id IN (SELECT "matchId" FROM "CallSession" WHERE ${due} ${where})`);
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
  // last seen. Runs after the cap, so a capped call still ends exactly at its cap.
  const vanished = await tx.$queryRaw<Row[]>`
    UPDATE "CallSession"
    SET status = 'completed', "endedAt" = GREATEST("answeredAt", ${gone.startSql}), "endReason" = 'left'
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
 * Resolves expired sessions for one member (used before the read-only queries). The notification
 * polls this every 3 s per member and almost always nothing is due, so a single cheap read decides
 * whether the locking transaction is needed at all.
 */
export async function resolveExpiredFor(userId: number): Promise<void> {
  const due = anyDueSql(now());
  const [{ any }] = await prisma.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "CallSession"
      WHERE status IN (${LIVE_STATUSES_SQL}) AND ("callerId" = ${userId} OR "calleeId" = ${userId}) AND ${due}
    ) AS any`;
  if (any) await transaction((tx) => resolveExpired(tx, { userId }));
}

export interface StartCallResult {
  session: SessionView;
  /** True when a session for this match was already ringing or active and is returned as is. */
  existing: boolean;
}

/**
 * Starts a call on a match, or returns the one already ringing/active for it. A `pending` match
 * gets one first call that connects; a `matched` (mutual) match gets a new session every time.
 */
export async function startCall(callerId: number, matchId: number): Promise<StartCallResult> {
  return transaction(async (tx) => {
    if (!(await withMatchLock(tx, matchId))) throw notFound("Match not found.");
    const match = await tx.match.findUniqueOrThrow({
      where: { id: matchId },
      include: {
        userA: { select: { id: true, bannedAt: true, dndUntil: true, profile: { select: { displayName: true } } } },
        userB: { select: { id: true, bannedAt: true, dndUntil: true, profile: { select: { displayName: true } } } },
      },
    });
    if (match.userAId !== callerId && match.userBId !== callerId) throw notFound("Match not found.");
    const callee = match.userAId === callerId ? match.userB : match.userA;
    const calleeName = callee.profile?.displayName ?? "They";

    await resolveExpired(tx, { matchId });
    // Re-read: resolving a capped first call may just have moved the match to the decision.
    const { status } = await tx.match.findUniqueOrThrow({ where: { id: matchId }, select: { status: true } });
    const completed = status === "pending" ? await tx.callSession.count({ where: { matchId, status: "completed" } }) : 0;
    const refusal = callRefusal(status, completed);
    if (refusal === "blocked") throw notFound("Match not found.");
    if (refusal === "match_ended") throw conflict("This match has ended.", "match_ended");
    if (refusal === "passed") throw conflict("This match has ended — you can only call again when you both like each other.", "match_ended");
    // A pending match is two strangers: they hear one answer for busy, do-not-disturb and banned
    // alike, so nobody can probe another member's state. Mutual matches get the reason.
    const mutual = status === "matched";
    const unavailable = (message: string, code: string) =>
      mutual ? conflict(message, code) : conflict(`${calleeName} isn't available right now.`, "unavailable");
    if (callee.bannedAt) throw unavailable(`${calleeName} is no longer available.`, "unavailable");

    const live = await tx.callSession.findFirst({
      where: { matchId, status: { in: LIVE_STATUSES } },
      include: sessionInclude,
    });
    if (live) {
      // Both pressed Call: the one being rung joins the call already ringing for them.
      if (live.status === "ringing" && live.calleeId === callerId) {
        const joined = await answer(tx, live, callerId);
        return { session: toSessionView(joined, callerId), existing: true };
      }
      return { session: toSessionView(live, callerId), existing: true };
    }
    if (refusal === "decide_first") {
      throw conflict("You've had your first call. You can call again once you both like each other.", "decide_first");
    }

    const t = now();
    await assertUnderRingLimit(tx, matchId, callerId, calleeName, t);
    if (callee.dndUntil && callee.dndUntil > t) {
      throw unavailable(`${calleeName} isn't taking calls right now.`, "do_not_disturb");
    }
    await assertNotInAnotherCall(tx, callerId, null, "You're already in another call.");
    if (await inAnotherCall(tx, callee.id, null)) throw unavailable(`${calleeName} is in another call.`, "busy");

    if (mutual) log.info({ matchId }, `💕 Mutual match detected! Allowing new call for match ${matchId}`);
    const { firstCallCapSeconds } = callTiming();
    const session = await tx.callSession.create({
      data: {
        matchId,
        callerId,
        calleeId: callee.id,
        kind: mutual ? "repeat" : "first",
        status: "ringing",
        createdAt: t,
        capSeconds: mutual ? null : firstCallCapSeconds,
        callerSeenAt: t,
      },
      include: sessionInclude,
    });
    await sessionsChanged(tx, [{ id: session.id, matchId, callerId, calleeId: callee.id, from: null, to: "ringing" }]);
    log.info({ sessionId: session.id, matchId, callerId, calleeId: callee.id, kind: session.kind }, "call started");
    return { session: toSessionView(session, callerId), existing: false };
  });
}

async function inAnotherCall(tx: Tx, userId: number, exceptSessionId: string | null): Promise<boolean> {
  const other = await tx.callSession.findFirst({
    where: {
      status: "active",
      OR: [{ callerId: userId }, { calleeId: userId }],
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    select: { id: true },
  });
  return other !== null;
}

async function assertNotInAnotherCall(tx: Tx, userId: number, exceptSessionId: string | null, message: string) {
  if (await inAnotherCall(tx, userId, exceptSessionId)) throw conflict(message, "busy");
}

/**
 * The per-pair ring limit (rules.ts `ringLimitUntil`): one query on the match's session history
 * (the `[matchId, createdAt]` index), under the match lock start-call already holds.
 */
async function assertUnderRingLimit(tx: Tx, matchId: number, callerId: number, calleeName: string, t: Date) {
  const recent = await tx.callSession.findMany({
    where: { matchId, OR: [{ callerId }, { answeredAt: { not: null } }] },
    orderBy: { createdAt: "desc" },
    take: RING_LIMIT_CALLS,
    select: { callerId: true, answeredAt: true, endedAt: true, createdAt: true },
  });
  const until = ringLimitUntil(recent, callerId, t);
  if (until) throw conflict(ringLimitMessage(calleeName, until, t), "ring_limit");
}

// Advisory-lock namespace for "who is in a call" (the second key is the member's id).
const MEMBER_CALL_LOCK = 0x6d63_616c; // "mcal"

/**
 * Answering is the one move that makes a call active, and both members' other calls live on
 * other matches, which the match lock does not cover: the caller may have answered another call
 * since this one started ringing, or be answering one right now. So both members are locked
 * (transaction-scoped advisory locks, in id order, always after the one match lock: no cycle),
 * then both are checked — a member is never in two active calls, even when two answers race.
 */
async function answer(tx: Tx, s: LoadedSession, calleeId: number): Promise<LoadedSession> {
  for (const id of [s.callerId, s.calleeId].sort((a, b) => a - b)) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MEMBER_CALL_LOCK}::int, ${id}::int)`;
  }
  await assertNotInAnotherCall(tx, calleeId, s.id, "End your other call before joining this one.");
  if (await inAnotherCall(tx, s.callerId, s.id)) {
    // As at start-call: a stranger hears one answer for busy and unavailable alike.
    const name = otherName(s, calleeId);
    throw s.match.status === "matched" ? conflict(`${name} is in another call.`, "busy") : conflict(`${name} isn't available right now.`, "unavailable");
  }
  const t = now();
  await transition(tx, s, "active", { answeredAt: t, calleeSeenAt: t }, conflict("This call is no longer ringing.", "not_ringing"));
  return tx.callSession.findUniqueOrThrow({ where: { id: s.id }, include: sessionInclude });
}

/**
 * The one place a request changes a session's status: only along an edge of the drawn state
 * machine (rules.ts), and only if the row still has the status this request read — so a
 * concurrent change makes this one fail instead of overwriting it. (Time-based expiry in
 * resolveExpired is the other writer, with the same from → to edges in its WHERE clauses.)
 */
async function transition(tx: Tx, s: LoadedSession, to: CallStatus, data: Prisma.CallSessionUpdateManyMutationInput, raced: Error) {
  if (!canTransition(s.status, to)) throw conflict(`A ${s.status} call cannot become ${to}.`, "invalid_transition");
  const updated = await tx.callSession.updateMany({ where: { id: s.id, status: s.status }, data: { ...data, status: to } });
  if (updated.count !== 1) throw raced;
  await sessionsChanged(tx, [{ id: s.id, matchId: s.matchId, callerId: s.callerId, calleeId: s.calleeId, from: s.status, to }]);
}

/**
 * Loads a session for one of its members inside a transaction, with its match locked and
 * expired sessions resolved. Anyone else gets 404: a session's existence is not revealed.
 */
async function lockedSessionFor(tx: Tx, sessionId: string, userId: number): Promise<LoadedSession> {
  const head = await tx.callSession.findUnique({ where: { id: sessionId }, select: { matchId: true, callerId: true, calleeId: true } });
  if (!head || (head.callerId !== userId && head.calleeId !== userId)) throw notFound("Call not found.");
  await withMatchLock(tx, head.matchId);
  await resolveExpired(tx, { matchId: head.matchId });
  const s = await tx.callSession.findUniqueOrThrow({ where: { id: sessionId }, include: sessionInclude });
  if (s.match.status === "blocked") throw notFound("Call not found.");
  return s;
}

function otherName(s: LoadedSession, viewerId: number) {
  return (s.callerId === viewerId ? s.callee : s.caller).profile?.displayName ?? "They";
}

/** The callee answers (ringing → active). The caller "joins" the session they are already in. */
export async function joinCall(userId: number, sessionId: string): Promise<SessionView> {
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (!isLive(s.status)) throw conflict(endedMessage(s.status, otherName(s, userId)), "ended");
    if (s.calleeId === userId && s.status === "ringing") {
      const joined = await answer(tx, s, userId);
      log.info({ sessionId, userId }, "call answered");
      return toSessionView(joined, userId);
    }
    return toSessionView(s, userId);
  });
}

/** The callee says no while it rings (ringing → declined). */
export async function declineCall(userId: number, sessionId: string): Promise<SessionView> {
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.calleeId !== userId) throw conflict("Only the person being called can decline. Cancel the call instead.", "not_callee");
    if (s.status === "active") throw conflict("You already joined this call. End it instead.", "already_joined");
    if (s.status !== "ringing") throw conflict(endedMessage(s.status, otherName(s, userId)), "ended");
    return toSessionView(await finish(tx, s, "declined", userId, "declined"), userId);
  });
}

/** The caller gives up while it rings (ringing → cancelled). */
export async function cancelCall(userId: number, sessionId: string): Promise<SessionView> {
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.callerId !== userId) throw conflict("Only the caller can cancel. Decline the call instead.", "not_caller");
    if (s.status === "active") throw conflict(`${otherName(s, userId)} already joined. End the call instead.`, "already_joined");
    if (s.status !== "ringing") throw conflict(endedMessage(s.status, otherName(s, userId)), "ended");
    return toSessionView(await finish(tx, s, "cancelled", userId, "hangup"), userId);
  });
}

/**
 * Either member hangs up. An active call becomes completed — or failed when the client reports
 * the media never connected and the server has no evidence that it did (rules.ts
 * `mediaConnected`). Hanging up a ringing call cancels (caller) or declines (callee) it.
 */
export async function endCall(userId: number, sessionId: string, reason: "hangup" | "media_failed" = "hangup"): Promise<SessionView> {
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.status === "ringing") {
      const to = s.callerId === userId ? "cancelled" : "declined";
      return toSessionView(await finish(tx, s, to, userId, "hangup"), userId);
    }
    if (s.status !== "active") throw conflict("This call has already ended.", "ended");
    // The client's `media_failed` is only a hint: a call with evidence of media counts.
    const to = reason === "media_failed" && !mediaConnected(s) ? "failed" : "completed";
    return toSessionView(await finish(tx, s, to, userId, reason), userId);
  });
}

/**
 * Ends a live session for a reason outside the call itself (unmatch, block, ban, admin force-end,
 * the media room emptying). Must run inside a transaction that holds the match lock.
 */
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
 * if it is still live (ringing → cancelled, active → completed). Returns the session and the
 * status this call ended it from (null when it had already ended), or null if it doesn't exist.
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
 * Ends every ringing or active session of a member in one set-based statement (a ban): ringing →
 * cancelled, active → completed (never past a first call's cap). The member's matches must
 * already be locked by the caller (in id order). Returns the ended sessions' ids.
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

async function finish(tx: Tx, s: LoadedSession, to: CallStatus, byUserId: number | null, reason: EndReason | "declined"): Promise<LoadedSession> {
  const t = now();
  // A capped call never lasts past its cap, whoever ends it and however late.
  const capEnd = s.answeredAt && s.capSeconds ? new Date(s.answeredAt.getTime() + s.capSeconds * 1000) : null;
  const endedAt = capEnd && capEnd < t ? capEnd : t;
  await transition(tx, s, to, { endedAt, endedById: byUserId, endReason: reason }, conflict("This call changed while you were acting on it. Please try again.", "changed"));
  await tx.callSignal.deleteMany({ where: { sessionId: s.id } });
  // The one first call that connected is used up: the match moves on to the decision.
  if (to === "completed" && s.kind === "first") await transitionMatches(tx, [s.matchId], "pending", "awaiting_decision");
  log.info({ sessionId: s.id, matchId: s.matchId, from: s.status, to, reason, byUserId }, "call ended");
  return tx.callSession.findUniqueOrThrow({ where: { id: s.id }, include: sessionInclude });
}

/** Periodic safety net for sessions nobody reads: ring timeouts and first-call caps. */
export async function sweepExpiredSessions(): Promise<string[]> {
  return transaction((tx) => resolveExpired(tx));
}

/**
 * A session as one of its members sees it, or 404. For a live session this is also the member's
 * check-in (heartbeat): the call page polls it every 1.5 s while the call rings or runs, and says
 * `mediaPlaying` once the other's media plays. The check-in is one conditional UPDATE of this
 * member's own columns, without the match lock; the locking transaction runs only when a time
 * rule is due for the session (ring timeout, cap, a vanished member), so polling cannot pile up
 * row locks or hold up a join or hang-up on the same match.
 */
export async function sessionFor(userId: number, sessionId: string, { mediaPlaying = false } = {}): Promise<SessionView> {
  const checkedIn = await checkIn(userId, sessionId, mediaPlaying);
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
async function checkIn(userId: number, sessionId: string, media: boolean): Promise<boolean> {
  const t = now();
  const due = anyDueSql(t);
  const stamp = (column: "callerSeenAt" | "calleeSeenAt", member: "callerId" | "calleeId") =>
    Prisma.sql`${Prisma.raw(`"${column}"`)} = CASE WHEN ${Prisma.raw(`"${member}"`)} = ${userId} THEN ${ts(t)} ELSE ${Prisma.raw(`"${column}"`)} END`;
  const updated = await prisma.$executeRaw`
    UPDATE "CallSession"
    SET ${stamp("callerSeenAt", "callerId")}, ${stamp("calleeSeenAt", "calleeId")}${media ? Prisma.sql`, ${mediaStamp(userId, t)}` : Prisma.empty}
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

export { sessionInclude, type LoadedSession };
