import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { callTiming, HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";
import { LIVE_STATUSES } from "@/lib/calls/rules";

// The time rules of a live session, as data. Each is "due at <start> + <seconds>":
//
//   ring timeout  ringing            from createdAt                                 → missed
//   cap           active first call  from answeredAt, for capSeconds                → completed
//   vanished      active             from the older of the two members' last
//                                    check-ins (a member who never checked in
//                                    counts from the answer), for HEARTBEAT_TIMEOUT → completed
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
    secondsSql: () => Prisma.sql`"capSeconds"`,
    seconds: (s) => s.capSeconds,
  },
  vanished: {
    status: "active",
    startSql: Prisma.sql`LEAST(COALESCE("callerSeenAt", "answeredAt"), COALESCE("calleeSeenAt", "answeredAt"))`,
    start: (s) => {
      const answered = s.answeredAt?.getTime();
      if (answered === undefined) return null;
      return Math.min(s.callerSeenAt?.getTime() ?? answered, s.calleeSeenAt?.getTime() ?? answered);
    },
    secondsSql: () => Prisma.sql`${HEARTBEAT_TIMEOUT_SECONDS}`,
    seconds: () => HEARTBEAT_TIMEOUT_SECONDS,
  },
} satisfies Record<string, TimeRule>;

const RULES: TimeRule[] = Object.values(TIME_RULES);

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

/** SQL: `rule` is due at `t` for a row. */
export function isDueSql(rule: TimeRule, t: Date): Prisma.Sql {
  return Prisma.sql`(status = ${Prisma.raw(`'${rule.status}'`)} AND ${dueAtSql(rule)} <= ${ts(t)})`;
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
