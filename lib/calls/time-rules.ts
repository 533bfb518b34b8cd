import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { callTiming, HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";
import { LIVE_STATUSES, MEDIA_DOWN_CREDIT_MAX_SECONDS, storedLastSeen } from "@/lib/calls/rules";

/** An instance vouching for members writes its aliveAt this often (lib/calls/presence.ts). */
export const INSTANCE_HEARTBEAT_SECONDS = 5;

// The time rules of a live session, as data. Each is "due at <start> + <seconds>":
//
//   ring timeout  ringing            from createdAt                                 → missed
//   cap           active first call  from answeredAt, for capSeconds plus the time
//                                    the server saw the media down (≤ 30 s, below)     → completed
//   vanished      active             from the older of the two members' last
//                                    check-ins (a member who never checked in
//                                    counts from the answer), for HEARTBEAT_TIMEOUT → completed
//                                    A member an instance vouches for (presence.ts)
//                                    counts as seen until that instance's aliveAt
//                                    plus one heartbeat interval.
//
// Media down. A member's check-in says `media=down` when the other's media stopped after it had
// played (their media evidence is stamped), `media=connected` while it plays. The session keeps
// each member's last word (callerMediaDown, calleeMediaDown), since when at least one says down
// (mediaDownSince) and the down time already over (mediaDownMs, ≤ 30 000). The cap's end is
// answeredAt + capSeconds + min(30 s, mediaDownMs + the outage under way): while one goes on the
// end moves with the clock, so the cap falls due only at the 30 s bound (or once it is over and
// the end has been passed). The countdown on both pages reads `ends_at` from each check-in.
//
// lib/calls/expiry.ts applies them in SQL (resolveExpired); the incoming-calls cache computes
// the same deadlines in JS (nextDeadline). Both read this one table.

/** The columns of a live session the rules read. */
export interface LiveTiming {
  status: string;
  createdAt: Date;
  answeredAt: Date | null;
  capSeconds: number | null;
  callerSeenAt: Date | null;
  calleeSeenAt: Date | null;
  /** Down time already over (ms); read as 0 where not selected, which only makes a deadline earlier. */
  mediaDownMs?: number;
}

interface TimeRule {
  status: Extract<CallStatus, "ringing" | "active">;
  /** When the rule's clock starts, over a CallSession row; in JS, epoch ms (null: never). */
  startSql: Prisma.Sql;
  start: (s: LiveTiming) => number | null;
  /** How long it runs; in JS, null: never. */
  secondsSql: () => Prisma.Sql;
  seconds: (s: LiveTiming) => number | null;
}

export const TIME_RULES = {
  ringTimeout: {
    status: "ringing",
    startSql: Prisma.sql`"createdAt"`,
    start: (s) => s.createdAt.getTime(),
    secondsSql: () => Prisma.sql`${callTiming().ringTimeoutSeconds}`,
    seconds: () => callTiming().ringTimeoutSeconds,
  },
  cap: {
    status: "active",
    startSql: Prisma.sql`"answeredAt"`,
    start: (s) => s.answeredAt?.getTime() ?? null,
    // An outage under way counts as the whole bound: the end keeps moving until it is over.
    secondsSql: () =>
      Prisma.sql`("capSeconds" + LEAST(${MEDIA_DOWN_CREDIT_MAX_SECONDS}, "mediaDownMs" / 1000.0 + CASE WHEN "mediaDownSince" IS NULL THEN 0 ELSE ${MEDIA_DOWN_CREDIT_MAX_SECONDS} END))`,
    // In JS (the pending-calls cache) the earliest it can be: a deadline read early is only re-read.
    seconds: (s) => (s.capSeconds === null ? null : s.capSeconds + Math.min(MEDIA_DOWN_CREDIT_MAX_SECONDS, (s.mediaDownMs ?? 0) / 1000)),
  },
  vanished: {
    status: "active",
    startSql: Prisma.sql`LEAST(${lastSeenSql("caller")}, ${lastSeenSql("callee")})`,
    start: (s) => {
      if (!s.answeredAt) return null;
      return Math.min(storedLastSeen(s, "caller")!.getTime(), storedLastSeen(s, "callee")!.getTime());
    },
    secondsSql: () => Prisma.sql`${HEARTBEAT_TIMEOUT_SECONDS}`,
    seconds: () => HEARTBEAT_TIMEOUT_SECONDS,
  },
} satisfies Record<string, TimeRule>;

/**
 * SQL: the member the vanish rule is about (the one last seen earlier; the caller on a tie),
 * stored as the session's endedById so each page can say whose connection was lost.
 */
export const vanishedMemberSql = () => Prisma.sql`(CASE WHEN ${lastSeenSql("caller")} <= ${lastSeenSql("callee")} THEN "callerId" ELSE "calleeId" END)`;

const RULES: TimeRule[] = Object.values(TIME_RULES);

/**
 * SQL: when a member was last seen, for the vanish rule (lib/calls/presence.ts): their stored
 * check-in, or while an instance vouches for them, that instance's aliveAt plus one heartbeat
 * interval if later; from the answer if neither.
 */
function lastSeenSql(role: "caller" | "callee"): Prisma.Sql {
  const seenAt = Prisma.raw(`"${role}SeenAt"`);
  const seenBy = Prisma.raw(`"${role}SeenBy"`);
  return Prisma.sql`COALESCE(GREATEST(${seenAt}, (SELECT i."aliveAt" + ${INSTANCE_HEARTBEAT_SECONDS} * interval '1 second' FROM "AppInstance" i WHERE i.id = ${seenBy})), "answeredAt")`;
}

/** PostgreSQL `timestamp` (Prisma's UTC wall time) for a JS date, independent of server zone. */
export const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;

/**
 * SQL: the live statuses as literals, for `status IN (${LIVE_STATUSES_SQL})`. Literals rather than
 * parameters, as in isDueSql: the planner sees constants compared with the enum column, no casts.
 */
export const LIVE_STATUSES_SQL = Prisma.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(", "));

/** SQL: the moment `rule` falls due for a row (NULL: never). */
export function dueAtSql(rule: TimeRule): Prisma.Sql {
  return Prisma.sql`(${rule.startSql} + (${rule.secondsSql()} * interval '1 second'))`;
}

/**
 * SQL: `rule` is due at `t` for a row. Never NULL: a rule that never falls due (a repeat call's
 * cap) is false, so `NOT anyDue` holds for a row where nothing is due.
 */
export function isDueSql(rule: TimeRule, t: Date): Prisma.Sql {
  return Prisma.sql`(status = ${Prisma.raw(`'${rule.status}'`)} AND COALESCE(${dueAtSql(rule)} <= ${ts(t)}, false))`;
}

/** SQL: some time rule is due at `t` for a row. */
export function anyDueSql(t: Date): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(
    RULES.map((rule) => isDueSql(rule, t)),
    " OR ",
  )})`;
}

/** The earliest time rule due on these live sessions (epoch ms), Infinity for none. */
export function nextDeadline(sessions: LiveTiming[]): number {
  let next = Infinity;
  for (const s of sessions) {
    for (const rule of RULES) {
      if (s.status !== rule.status) continue;
      const start = rule.start(s);
      const seconds = rule.seconds(s);
      if (start !== null && seconds !== null) next = Math.min(next, start + seconds * 1000);
    }
  }
  return next;
}

/** What a member's check-in says about the other's media: playing, stopped after it had played, or nothing yet. */
export type MediaReport = "playing" | "down" | null;

/**
 * SET clause of the check-in for the media-down columns (every right-hand side reads the row as
 * it was): the member's word, and the outage's start or end when "anybody down" changes. Only
 * active first calls keep it; "down" counts only from a member whose media evidence is stamped.
 */
export function mediaDownSetSql(userId: number, report: Exclude<MediaReport, null>, t: Date): Prisma.Sql {
  const applies = Prisma.sql`status = 'active' AND "capSeconds" IS NOT NULL`;
  const word = (down: string, mediaAt: string, member: string) => {
    const said = report === "playing" ? Prisma.sql`false` : Prisma.sql`(${Prisma.raw(`"${mediaAt}"`)} IS NOT NULL)`;
    return Prisma.sql`CASE WHEN ${Prisma.raw(`"${member}"`)} = ${userId} AND ${applies} THEN ${said} ELSE ${Prisma.raw(`"${down}"`)} END`;
  };
  const caller = word("callerMediaDown", "callerMediaAt", "callerId");
  const callee = word("calleeMediaDown", "calleeMediaAt", "calleeId");
  const before = Prisma.sql`("callerMediaDown" OR "calleeMediaDown")`;
  const after = Prisma.sql`(${caller} OR ${callee})`;
  const over = Prisma.sql`LEAST(${MEDIA_DOWN_CREDIT_MAX_SECONDS * 1000}, "mediaDownMs" + GREATEST(0, (EXTRACT(EPOCH FROM (${ts(t)} - "mediaDownSince")) * 1000)::int))`;
  return Prisma.sql`"callerMediaDown" = ${caller}, "calleeMediaDown" = ${callee},
    "mediaDownSince" = CASE WHEN NOT ${before} AND ${after} THEN ${ts(t)} WHEN ${before} AND NOT ${after} THEN NULL ELSE "mediaDownSince" END,
    "mediaDownMs" = CASE WHEN ${before} AND NOT ${after} AND "mediaDownSince" IS NOT NULL THEN ${over} ELSE "mediaDownMs" END`;
}
