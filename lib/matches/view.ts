import "server-only";
import { prisma, type Prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { ageOn } from "@/lib/profile/age";
import type { CallStatus, Decision, MatchStatus } from "@/lib/generated/prisma/enums";
import { callRefusal, OPEN_MATCH_STATUSES } from "@/lib/matches/rules";
import { isLive } from "@/lib/calls/rules";
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
  userA: { select: { id: true, profile: true } },
  userB: { select: { id: true, profile: true } },
  calls: {
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, callerId: true, createdAt: true, answeredAt: true, endedAt: true },
  },
} satisfies Prisma.MatchInclude;

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
  return matches.map((m) => toView(m, userId));
}

type LoadedMatch = Awaited<ReturnType<typeof loadForView>>;
function loadForView(id: number) {
  return prisma.match.findUniqueOrThrow({
    where: { id },
    include: matchViewInclude,
  });
}

export async function matchViewFor(matchId: number, userId: number): Promise<MatchView | null> {
  const m = await prisma.match.findFirst({ where: { id: matchId, OR: [{ userAId: userId }, { userBId: userId }] }, select: { id: true } });
  if (!m) return null;
  return toView(await loadForView(matchId), userId);
}

function toView(m: LoadedMatch, userId: number): MatchView {
  const iAmA = m.userAId === userId;
  const me = iAmA ? m.userA : m.userB;
  const other = iAmA ? m.userB : m.userA;
  const p = other.profile;
  const mine = new Set((me.profile?.interests ?? []).map((i) => i.toLowerCase()));
  const completed = m.calls.filter((c) => c.status === "completed");
  const minutes = completed.reduce((sum, c) => sum + durationSeconds(c.answeredAt, c.endedAt), 0) / 60;
  const live = m.calls.find((c) => isLive(c.status));
  const last = m.calls.at(-1);
  return {
    match_id: m.id,
    status: m.status,
    is_mutual_match: m.status === "matched",
    created_at: m.createdAt.toISOString(),
    other_user: {
      id: other.id,
      name: p?.displayName ?? "Member",
      age: p ? ageOn(p.birthDate, now()) : 0,
      city: p?.city ?? "",
      bio: p?.bio ?? "",
      interests: p?.interests ?? [],
      photo_url: photoUrl(p?.photoPath),
    },
    shared_interests: (p?.interests ?? []).filter((i) => mine.has(i.toLowerCase())),
    my_decision: (iAmA ? m.decisionA : m.decisionB) ?? null,
    total_calls: completed.length,
    total_minutes: Math.round(minutes),
    live_session: live ? { session_id: live.id, status: live.status, i_am_caller: live.callerId === userId } : null,
    // The same match-level rule start-call applies (busy or do-not-disturb are per call).
    can_call: callRefusal(m.status, completed.length) === null,
    last_call: last
      ? {
          session_id: last.id,
          status: last.status,
          i_am_caller: last.callerId === userId,
          started_at: last.createdAt.toISOString(),
          duration_seconds: durationSeconds(last.answeredAt, last.endedAt),
        }
      : null,
  };
}
