import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/http/errors";
import { resolveExpiredFor, sessionInclude, toSessionView, type SessionView } from "@/lib/calls/lifecycle";
import { CALL_TYPE_LABEL, isLive, LIVE_STATUSES } from "@/lib/calls/rules";
import { durationSeconds } from "@/lib/calls/duration";
import { photoUrl } from "@/lib/profile/photo-url";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { pendingCache, pendingValidUntil, type StoredPendingCall } from "@/lib/calls/pending-cache";
import type { PendingCall } from "@/lib/calls/pending-call";

const secondsSince = (d: Date) => Math.max(0, Math.floor((now().getTime() - d.getTime()) / 1000));

/**
 * Calls ringing for this member as callee — what the notification polls every 3 s. It filters on
 * the session's own status only (never on a match-level "call completed" flag, the prototype's
 * bug), so every new session of a mutual match shows up. Answered from memory while nothing
 * changed for the member and no time rule is due (lib/calls/pending-cache.ts).
 */
export async function pendingCallsFor(userId: number): Promise<PendingCall[]> {
  const calls = await pendingCache.read(userId, async (caching) => {
    await resolveExpiredFor(userId);
    const [value, validUntil] = await Promise.all([readPendingCalls(userId), caching ? pendingValidUntil(userId) : Infinity]);
    return { value, validUntil };
  });
  return calls.map(({ createdAt, ...call }) => ({ ...call, seconds_ago: secondsSince(createdAt) }));
}

async function readPendingCalls(userId: number): Promise<StoredPendingCall[]> {
  const sessions = await prisma.callSession.findMany({
    where: {
      calleeId: userId,
      status: "ringing",
      caller: { bannedAt: null },
      match: { status: { in: ["pending", "matched"] } },
    },
    orderBy: { createdAt: "asc" },
    include: { match: { select: { status: true } }, caller: { select: { profile: { select: { displayName: true, photoPath: true } } } } },
  });
  return sessions.map((s) => ({
    session_id: s.id,
    match_id: s.matchId,
    other_user_name: s.caller.profile?.displayName ?? "Member",
    other_user_photo_url: photoUrl(s.caller.profile?.photoPath),
    is_mutual_match: s.match.status === "matched",
    createdAt: s.createdAt,
    call_type: CALL_TYPE_LABEL[s.kind],
  }));
}

export type ActiveSession = SessionView & { seconds_ago: number };

/** The member's ringing and active sessions, as caller or callee, newest first. */
export async function activeSessionsFor(userId: number): Promise<ActiveSession[]> {
  await resolveExpiredFor(userId);
  const sessions = await prisma.callSession.findMany({
    where: {
      status: { in: LIVE_STATUSES },
      OR: [{ callerId: userId }, { calleeId: userId }],
      match: { status: { notIn: ["blocked"] } },
    },
    orderBy: { createdAt: "desc" },
    include: sessionInclude,
  });
  return sessions.map((s) => ({ ...toSessionView(s, userId), seconds_ago: secondsSince(s.createdAt) }));
}

export interface CallHistory {
  match_id: number;
  is_mutual_match: boolean;
  /** Calls that connected ("N video calls together"); `calls` lists every attempt. */
  total_calls: number;
  total_attempts: number;
  calls: {
    session_id: string;
    status: CallStatus;
    call_type: string;
    caller_is_me: boolean;
    started_at: string;
    answered_at: string | null;
    ended_at: string | null;
    duration_seconds: number;
    duration_minutes: number;
  }[];
}

interface HistoryRow {
  matchStatus: string;
  id: string | null;
  status: CallStatus | null;
  kind: keyof typeof CALL_TYPE_LABEL | null;
  callerId: number | null;
  createdAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
}

/**
 * The match (if the member is in it and it isn't blocked) with its sessions' listed columns, in
 * one round trip: a long history (500 calls) spent most of its time in the ORM's row mapping.
 */
export function readHistory(userId: number, matchId: number): Promise<HistoryRow[]> {
  return prisma.$queryRaw<HistoryRow[]>`
    SELECT m.status::text AS "matchStatus", c.id::text AS id, c.status::text AS status, c.kind::text AS kind,
           c."callerId", c."createdAt", c."answeredAt", c."endedAt"
    FROM "Match" m
    LEFT JOIN "CallSession" c ON c."matchId" = m.id
    WHERE m.id = ${matchId} AND (m."userAId" = ${userId} OR m."userBId" = ${userId}) AND m.status <> 'blocked'
    ORDER BY c."createdAt" ASC, c.id ASC`;
}

/** Every session of a match, oldest first, for one of its two members (anyone else: 404). */
export async function callHistory(userId: number, matchId: number): Promise<CallHistory> {
  let rows = await readHistory(userId, matchId);
  if (rows.length === 0) throw notFound("Match not found.");
  // A live session may be past a time rule nobody has applied yet: apply it, then read again.
  if (rows.some((r) => r.status !== null && isLive(r.status))) {
    await resolveExpiredFor(userId);
    rows = await readHistory(userId, matchId);
    if (rows.length === 0) throw notFound("Match not found.");
  }
  const calls = rows.flatMap((c) => {
    if (c.id === null || c.status === null || c.kind === null || c.createdAt === null) return []; // no calls yet
    const seconds = durationSeconds(c.answeredAt, c.endedAt);
    return [
      {
        session_id: c.id,
        status: c.status,
        call_type: CALL_TYPE_LABEL[c.kind],
        caller_is_me: c.callerId === userId,
        started_at: c.createdAt.toISOString(),
        answered_at: c.answeredAt?.toISOString() ?? null,
        ended_at: c.endedAt?.toISOString() ?? null,
        duration_seconds: seconds,
        // One decimal: a 45-second call is 0.8 minutes, not "0" or a rounded-up "1".
        duration_minutes: Math.round((seconds / 60) * 10) / 10,
      },
    ];
  });
  return {
    match_id: matchId,
    is_mutual_match: rows[0].matchStatus === "matched",
    total_calls: calls.filter((c) => c.status === "completed").length,
    total_attempts: calls.length,
    calls,
  };
}

/** Missed calls the member has not seen yet (dashboard list); `markMissedSeen` clears them. */
export async function unseenMissedCalls(userId: number) {
  await resolveExpiredFor(userId);
  const rows = await prisma.callSession.findMany({
    where: { calleeId: userId, status: "missed", missedSeenAt: null, match: { status: { notIn: ["blocked", "unmatched"] } } },
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { caller: { select: { profile: { select: { displayName: true, photoPath: true } } } } },
  });
  return rows.map((r) => ({
    session_id: r.id,
    match_id: r.matchId,
    other_user_name: r.caller.profile?.displayName ?? "Member",
    other_user_photo_url: photoUrl(r.caller.profile?.photoPath),
    at: r.createdAt.toISOString(),
  }));
}

export async function markMissedSeen(userId: number, sessionIds: string[]) {
  await prisma.callSession.updateMany({
    where: { id: { in: sessionIds }, calleeId: userId, status: "missed", missedSeenAt: null },
    data: { missedSeenAt: now() },
  });
}
