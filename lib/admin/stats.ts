import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { LIVE_STATUSES_SQL, ts } from "@/lib/calls/time-rules";

export const STATS_DAYS = 14;
const ACTIVE_WINDOW_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface Overview {
  generated_at: string;
  members: { total: number; active_5m: number; banned: number };
  calls: { ringing_now: number; active_now: number; today: number };
  open_reports: number;
  /** First calls over the last STATS_DAYS days, counted per match (a missed first call can be retried). */
  funnel: { started: number; answered: number; completed: number; both_liked: number };
  rates: {
    /** Of the calls that finished ringing in the window: declined or missed, as 0–1; null with no calls. */
    decline: number | null;
    missed: number | null;
    median_seconds_to_answer: number | null;
    median_first_call_seconds: number | null;
    /** Completed first calls that became mutual matches, as 0–1. */
    first_call_to_mutual: number | null;
  };
  /** One entry per UTC day, oldest first, today last. */
  daily: { day: string; calls: number; connected: number; mutual: number }[];
}

/**
 * The dashboard's numbers, each computed by PostgreSQL in one of three queries. Days are UTC.
 * Expired rings and caps are applied first so "ringing now" never counts a call that timed out.
 */
export async function overview(): Promise<Overview> {
  await sweepExpiredSessions();
  const t = now();
  const todayStart = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const from = new Date(todayStart.getTime() - (STATS_DAYS - 1) * DAY_MS);
  const activeSince = new Date(t.getTime() - ACTIVE_WINDOW_MS);

  const [[counts], [funnel], [rates], daily] = await Promise.all([
    prisma.$queryRaw<
      { total: number; active_5m: number; banned: number; ringing_now: number; active_now: number; today: number; open_reports: number }[]
    >`
      SELECT
        (SELECT count(*) FROM "User" WHERE role = 'member')::int AS total,
        (SELECT count(*) FROM "User" WHERE role = 'member' AND "bannedAt" IS NULL AND "lastActiveAt" >= ${ts(activeSince)})::int AS active_5m,
        (SELECT count(*) FROM "User" WHERE "bannedAt" IS NOT NULL)::int AS banned,
        (SELECT count(*) FROM "CallSession" WHERE status = 'ringing')::int AS ringing_now,
        (SELECT count(*) FROM "CallSession" WHERE status = 'active')::int AS active_now,
        (SELECT count(*) FROM "CallSession" WHERE "createdAt" >= ${ts(todayStart)})::int AS today,
        (SELECT count(*) FROM "Report" WHERE status = 'open')::int AS open_reports`,
    prisma.$queryRaw<Overview["funnel"][]>`
      WITH per_match AS (
        SELECT "matchId",
               bool_or("answeredAt" IS NOT NULL) AS answered,
               bool_or(status = 'completed') AS completed
        FROM "CallSession"
        WHERE kind = 'first' AND "createdAt" >= ${ts(from)}
        GROUP BY "matchId"
      )
      SELECT count(*)::int AS started,
             count(*) FILTER (WHERE answered)::int AS answered,
             count(*) FILTER (WHERE completed)::int AS completed,
             count(*) FILTER (WHERE completed AND m.status = 'matched')::int AS both_liked
      FROM per_match JOIN "Match" m ON m.id = per_match."matchId"`,
    prisma.$queryRaw<{ finished: number; declined: number; missed: number; median_answer: number | null; median_first: number | null }[]>`
      SELECT count(*)::int AS finished,
             count(*) FILTER (WHERE status = 'declined')::int AS declined,
             count(*) FILTER (WHERE status = 'missed')::int AS missed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "answeredAt" - "createdAt"))
               FILTER (WHERE "answeredAt" IS NOT NULL) AS median_answer,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM "endedAt" - "answeredAt"))
               FILTER (WHERE kind = 'first' AND status = 'completed' AND "answeredAt" IS NOT NULL) AS median_first
      FROM "CallSession"
      WHERE "createdAt" >= ${ts(from)} AND status NOT IN (${LIVE_STATUSES_SQL})`,
    prisma.$queryRaw<Overview["daily"]>`
      WITH days AS (
        SELECT generate_series(${ts(from)}, ${ts(todayStart)}, interval '1 day') AS day
      ), calls AS (
        SELECT date_trunc('day', "createdAt") AS day, count(*) AS n, count(*) FILTER (WHERE "answeredAt" IS NOT NULL) AS connected
        FROM "CallSession" WHERE "createdAt" >= ${ts(from)} GROUP BY 1
      ), mutual AS (
        SELECT date_trunc('day', "closedAt") AS day, count(*) AS n
        FROM "Match" WHERE status = 'matched' AND "closedAt" >= ${ts(from)} GROUP BY 1
      )
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
             COALESCE(calls.n, 0)::int AS calls,
             COALESCE(calls.connected, 0)::int AS connected,
             COALESCE(mutual.n, 0)::int AS mutual
      FROM days
      LEFT JOIN calls ON calls.day = days.day
      LEFT JOIN mutual ON mutual.day = days.day
      ORDER BY days.day`,
  ]);

  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    generated_at: t.toISOString(),
    members: { total: counts.total, active_5m: counts.active_5m, banned: counts.banned },
    calls: { ringing_now: counts.ringing_now, active_now: counts.active_now, today: counts.today },
    open_reports: counts.open_reports,
    funnel,
    rates: {
      decline: ratio(rates.declined, rates.finished),
      missed: ratio(rates.missed, rates.finished),
      median_seconds_to_answer: round1(rates.median_answer),
      median_first_call_seconds: round1(rates.median_first),
      first_call_to_mutual: ratio(funnel.both_liked, funnel.completed),
    },
    daily,
  };
}
