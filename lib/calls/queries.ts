import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/http/http-error";
import { resolveExpiredFor } from "@/lib/calls/expiry";
import { sessionInclude, toSessionView } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";
import { CALL_TYPE_LABEL, LIVE_STATUSES } from "@/lib/calls/rules";
import { RINGABLE_MATCH_STATUSES } from "@/lib/matches/rules";
import { photoUrl } from "@/lib/profile/photo-url";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { LIVE_STATUSES_SQL } from "@/lib/calls/time-rules";
import { incomingCallsCache, incomingCallsValidUntil, INCOMING_CALLS_TTL_MS, type StoredIncomingCall } from "@/lib/calls/incoming-calls-cache";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import type { IncomingCall } from "@/lib/calls/incoming-call";
import { shownName } from "@/lib/account/deleted-member";

const secondsSince = (d: Date) => Math.max(0, Math.floor((now().getTime() - d.getTime()) / 1000));

/**
 * Calls ringing for this member as callee — what the notification polls every 3 s. It filters on
 * the session's own status only (never on a match-level "call completed" flag, the prototype's
 * bug), so every new session of a mutual match shows up. Answered from memory while nothing
 * changed for the member and no time rule is due (lib/calls/incoming-calls-cache.ts).
 */
export async function incomingCallsFor(userId: number): Promise<IncomingCall[]> {
  const calls = await incomingCallsCache.read(userId, async (caching) => {
    await resolveExpiredFor(userId);
    const [value, validUntil] = await Promise.all([readIncomingCalls(userId), caching ? incomingCallsValidUntil(userId) : Infinity]);
    return { value, validUntil };
  });
  return calls.map(({ createdAt, ...call }) => ({ ...call, seconds_ago: secondsSince(createdAt) }));
}

async function readIncomingCalls(userId: number): Promise<StoredIncomingCall[]> {
  const sessions = await prisma.callSession.findMany({
    where: {
      calleeId: userId,
      status: "ringing",
      caller: { bannedAt: null },
      match: { status: { in: RINGABLE_MATCH_STATUSES } },
    },
    orderBy: { createdAt: "asc" },
    include: { match: { select: { status: true } }, caller: { select: { deletedAt: true, profile: { select: { displayName: true, photoPath: true } } } } },
  });
  return sessions.map((s) => ({
    session_id: s.id,
    match_id: s.matchId,
    other_user_name: shownName(s.caller),
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

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`; // Date#toISOString's format (columns are UTC, ms precision)

/**
 * The match's history as the API's JSON text, built by PostgreSQL in one round trip — or null
 * when the member is not in the match or it is blocked — and whether a session of it is live.
 * A long history (500 calls) spent nearly all its time in Node turning rows into objects and
 * objects into JSON; here Node passes one string through. The fields match `CallHistory`
 * exactly (history.integration.test.ts checks them against the JavaScript definitions):
 * `duration_seconds` is durationSeconds() (whole seconds, ties up: floor(x + 0.5) is Math.round
 * for non-negative x), and `duration_minutes` computes in float8, as JavaScript's numbers do.
 */
async function readHistoryJson(userId: number, matchId: number): Promise<{ json: string; live: boolean } | null> {
  const rows = await prisma.$queryRaw<{ json: string; live: boolean | null }[]>`
    WITH m AS (
      SELECT id, status FROM "Match"
      WHERE id = ${matchId} AND ("userAId" = ${userId} OR "userBId" = ${userId}) AND status <> 'blocked'
    ), c AS (
      SELECT id, status, kind, "callerId", "createdAt", "answeredAt", "endedAt",
             CASE WHEN "answeredAt" IS NULL OR "endedAt" IS NULL THEN 0
                  ELSE greatest(0, floor(extract(epoch FROM "endedAt" - "answeredAt")::float8 + 0.5))::int END AS seconds
      FROM "CallSession" WHERE "matchId" = (SELECT id FROM m)
    )
    SELECT (SELECT bool_or(status IN (${LIVE_STATUSES_SQL})) FROM c) AS live,
      json_build_object(
        'match_id', m.id,
        'is_mutual_match', m.status = 'matched',
        'total_calls', (SELECT count(*) FROM c WHERE status = 'completed'),
        'total_attempts', (SELECT count(*) FROM c),
        'calls', coalesce((SELECT json_agg(t) FROM (
          SELECT id AS session_id, status,
                 CASE kind WHEN 'first' THEN ${CALL_TYPE_LABEL.first} ELSE ${CALL_TYPE_LABEL.repeat} END AS call_type,
                 "callerId" = ${userId} AS caller_is_me,
                 to_char("createdAt", ${Prisma.raw(ISO_UTC)}) AS started_at,
                 to_char("answeredAt", ${Prisma.raw(ISO_UTC)}) AS answered_at,
                 to_char("endedAt", ${Prisma.raw(ISO_UTC)}) AS ended_at,
                 seconds AS duration_seconds,
                 floor(seconds::float8 / 60 * 10 + 0.5) / 10 AS duration_minutes
          FROM c ORDER BY "createdAt", id
        ) t), '[]'::json)
      )::text AS json
    FROM m`;
  const row = rows[0];
  return row ? { json: row.json, live: row.live === true } : null;
}

/**
 * Every session of a match, oldest first, for one of its two members (anyone else: 404), as the
 * JSON text of a `CallHistory` (what the API answers, untouched).
 */
export async function callHistoryJson(userId: number, matchId: number): Promise<string> {
  return historyCache.read(
    userId,
    async () => {
      let history = await readHistoryJson(userId, matchId);
      // A live session may be past a time rule nobody has applied yet: apply it, then read again.
      if (history?.live) {
        await resolveExpiredFor(userId);
        history = await readHistoryJson(userId, matchId);
      }
      if (!history) throw notFound("Match not found.");
      // A live call's history changes with time rules as well as events: never kept.
      return { value: history.json, keep: !history.live };
    },
    matchId,
  );
}

/**
 * Each member's recent call histories (one per match), as the JSON text the API answers. A
 * history changes only when a session of the match or the match itself changes, and every such
 * change publishes an event naming both members (lib/calls/effects.ts sessionsChanged,
 * lib/matches/state.ts), which drops their entries on every instance; a history with a live
 * session is never kept, since its time rules change it with no event. Bounded by weight: 32 MB
 * of JSON per instance (a 500-call history is ~130 KB), 8 matches per member.
 */
const historyCache = memberAnswerCache<string>({
  ttlMs: INCOMING_CALLS_TTL_MS,
  // 10,000 members' 8 most recent matches at most, and 32 MiB in all.
  maxEntries: 80_000,
  maxKeysPerMember: 8,
  weigh: (json) => json.length,
  maxWeight: 32 * 1024 * 1024,
});

/** The same as an object (the match page). */
export async function callHistory(userId: number, matchId: number): Promise<CallHistory> {
  return JSON.parse(await callHistoryJson(userId, matchId)) as CallHistory;
}

/** Missed calls the member has not seen yet (dashboard list); `markMissedSeen` clears them. */
export async function unseenMissedCalls(userId: number) {
  await resolveExpiredFor(userId);
  const rows = await prisma.callSession.findMany({
    where: { calleeId: userId, status: "missed", missedSeenAt: null, match: { status: { notIn: ["blocked", "unmatched"] } } },
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { caller: { select: { deletedAt: true, profile: { select: { displayName: true, photoPath: true } } } } },
  });
  return rows.map((r) => ({
    session_id: r.id,
    match_id: r.matchId,
    other_user_name: shownName(r.caller),
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
