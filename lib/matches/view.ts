import "server-only";
import { prisma, type Prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { ageOn } from "@/lib/profile/age";
import type { CallStatus, Decision, MatchStatus } from "@/lib/generated/prisma/enums";
import { callRefusal, OPEN_MATCH_STATUSES } from "@/lib/matches/rules";
import { LIVE_STATUSES_SQL } from "@/lib/calls/time-rules";
import { shownName } from "@/lib/account/deleted-member";
import { durationSeconds } from "@/lib/calls/duration";
import { photoUrl } from "@/lib/profile/photo-url";

/** A match as one member sees it. Field names follow the JSON API (snake_case). */
export interface MatchView {
  match_id: number;
  status: MatchStatus;
  is_mutual_match: boolean;
  created_at: string;
  other_user: {
    id: number;
    name: string;
    /** The member deleted their account: their history with you stays, under "Deleted member". */
    deleted: boolean;
    age: number;
    city: string;
    bio: string;
    interests: string[];
    photo_url: string | null;
  };
  shared_interests: string[];
  /** Your own decision; the other member's stays private until both decided (then: status). */
  my_decision: Decision | null;
  /** Calls that connected (completed), and their total minutes. */
  total_calls: number;
  total_minutes: number;
  /** The ringing/active session of this match, if any. */
  live_session: { session_id: string; status: CallStatus; i_am_caller: boolean } | null;
  can_call: boolean;
  /** The most recent call attempt of this match, whatever its outcome (dashboard "recent calls"). */
  last_call: { session_id: string; status: CallStatus; i_am_caller: boolean; started_at: string; duration_seconds: number } | null;
}

const matchViewInclude = {
  userA: { select: { id: true, deletedAt: true, profile: true } },
  userB: { select: { id: true, deletedAt: true, profile: true } },
} satisfies Prisma.MatchInclude;

/** What the view needs of a match's calls, summed up by PostgreSQL: one row per match. */
interface CallSummary {
  matchId: number;
  completed: number;
  completedSeconds: number;
  liveId: string | null;
  liveStatus: CallStatus | null;
  liveCallerId: number | null;
  lastId: string | null;
  lastStatus: CallStatus | null;
  lastCallerId: number | null;
  lastCreatedAt: Date | null;
  lastAnsweredAt: Date | null;
  lastEndedAt: Date | null;
}

/**
 * Call counts, talk time, the live call and the latest call of each match, in one statement
 * whatever the number of calls: two colluding mutual matches can make ~60 sessions a minute, and
 * loading every one of them for every list view grew without bound. Seconds per call are
 * durationSeconds() in SQL (floor(x + 0.5) is Math.round for non-negative x), as the history does.
 */
async function callSummaries(matchIds: number[]): Promise<Map<number, CallSummary>> {
  if (matchIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<CallSummary[]>`
    SELECT m.id AS "matchId", agg.completed, agg."completedSeconds",
           live.id AS "liveId", live.status AS "liveStatus", live."callerId" AS "liveCallerId",
           last.id AS "lastId", last.status AS "lastStatus", last."callerId" AS "lastCallerId",
           last."createdAt" AS "lastCreatedAt", last."answeredAt" AS "lastAnsweredAt", last."endedAt" AS "lastEndedAt"
    FROM unnest(${matchIds}::int[]) AS m(id)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS completed,
             coalesce(sum(CASE WHEN "answeredAt" IS NULL OR "endedAt" IS NULL THEN 0
                   ELSE greatest(0, floor(extract(epoch FROM "endedAt" - "answeredAt")::float8 + 0.5)) END), 0)::float8 AS "completedSeconds"
      FROM "CallSession" WHERE "matchId" = m.id AND status = 'completed'
    ) agg
    LEFT JOIN LATERAL (
      SELECT id, status, "callerId" FROM "CallSession"
      WHERE "matchId" = m.id AND status IN (${LIVE_STATUSES_SQL}) ORDER BY "createdAt", id LIMIT 1
    ) live ON TRUE
    LEFT JOIN LATERAL (
      SELECT id, status, "callerId", "createdAt", "answeredAt", "endedAt" FROM "CallSession"
      WHERE "matchId" = m.id ORDER BY "createdAt" DESC, id DESC LIMIT 1
    ) last ON TRUE`;
  return new Map(rows.map((r) => [r.matchId, r]));
}

export async function matchesFor(userId: number): Promise<MatchView[]> {
  const matches = await prisma.match.findMany({
    // A banned member vanishes from their matches' lists (an unban brings mutual matches back).
    where: {
      OR: [{ userAId: userId }, { userBId: userId }],
      status: { in: OPEN_MATCH_STATUSES },
      userA: { bannedAt: null },
      userB: { bannedAt: null },
    },
    orderBy: { createdAt: "desc" },
    include: matchViewInclude,
  });
  const calls = await callSummaries(matches.map((m) => m.id));
  return matches.map((m) => toView(m, calls.get(m.id)!, userId));
}

type LoadedMatch = Prisma.MatchGetPayload<{ include: typeof matchViewInclude }>;

export async function matchViewFor(matchId: number, userId: number): Promise<MatchView | null> {
  const m = await prisma.match.findFirst({ where: { id: matchId, OR: [{ userAId: userId }, { userBId: userId }] }, include: matchViewInclude });
  if (!m) return null;
  const calls = await callSummaries([m.id]);
  return toView(m, calls.get(m.id)!, userId);
}

function toView(m: LoadedMatch, c: CallSummary, userId: number): MatchView {
  const iAmA = m.userAId === userId;
  const me = iAmA ? m.userA : m.userB;
  const other = iAmA ? m.userB : m.userA;
  const deleted = other.deletedAt !== null;
  const p = deleted ? null : other.profile;
  const mine = new Set((me.profile?.interests ?? []).map((i) => i.toLowerCase()));
  return {
    match_id: m.id,
    status: m.status,
    is_mutual_match: m.status === "matched",
    created_at: m.createdAt.toISOString(),
    other_user: {
      id: other.id,
      name: shownName(other),
      deleted,
      age: p ? ageOn(p.birthDate, now()) : 0,
      city: p?.city ?? "",
      bio: p?.bio ?? "",
      interests: p?.interests ?? [],
      photo_url: photoUrl(p?.photoPath),
    },
    shared_interests: (p?.interests ?? []).filter((i) => mine.has(i.toLowerCase())),
    my_decision: (iAmA ? m.decisionA : m.decisionB) ?? null,
    total_calls: c.completed,
    total_minutes: Math.round(c.completedSeconds / 60),
    live_session: c.liveId ? { session_id: c.liveId, status: c.liveStatus!, i_am_caller: c.liveCallerId === userId } : null,
    // The same match-level rule start-call applies (busy or do-not-disturb are per call); nobody
    // can call a deleted member.
    can_call: !deleted && callRefusal(m.status, c.completed) === null,
    last_call: c.lastId
      ? {
          session_id: c.lastId,
          status: c.lastStatus!,
          i_am_caller: c.lastCallerId === userId,
          started_at: c.lastCreatedAt!.toISOString(),
          duration_seconds: durationSeconds(c.lastAnsweredAt, c.lastEndedAt),
        }
      : null,
  };
}
