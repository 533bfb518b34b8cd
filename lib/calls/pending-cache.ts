import "server-only";
import { prisma } from "@/lib/db";
import { callTiming, HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";
import { LIVE_STATUSES } from "@/lib/calls/rules";
import { memberCache } from "@/lib/events/member-cache";
import type { PendingCall } from "@/lib/calls/pending-call";

// The notification poll's answer per member, in memory. Every change to a call, session or match
// publishes an event naming both members, which drops their entries (lib/events/member-cache.ts);
// what changes with no event — time rules — is covered by `validUntil`: the earliest moment a
// ringing call of theirs times out or an active one reaches its cap or its heartbeat staleness
// (lib/calls/lifecycle.ts dueSql). Past it, the next poll reads the database again and resolves
// what is due. Check-ins move staleness later without an event, so the stored deadline is early,
// never late: at worst one extra read.

/** Safety net: an entry lives at most this long even with no event and nothing due. */
export const PENDING_TTL_MS = 30_000;

/** A pending call as cached: `seconds_ago` is computed on every read from `createdAt`. */
export type StoredPendingCall = Omit<PendingCall, "seconds_ago"> & { createdAt: Date };

export const pendingCache = memberCache<StoredPendingCall[]>({ ttlMs: PENDING_TTL_MS });

interface LiveTiming {
  status: string;
  createdAt: Date;
  answeredAt: Date | null;
  capSeconds: number | null;
  callerSeenAt: Date | null;
  calleeSeenAt: Date | null;
}

/** The earliest time rule due on these live sessions (epoch ms), Infinity for none. */
export function nextDeadline(sessions: LiveTiming[]): number {
  const { ringTimeoutSeconds } = callTiming();
  let next = Infinity;
  for (const s of sessions) {
    if (s.status === "ringing") next = Math.min(next, s.createdAt.getTime() + ringTimeoutSeconds * 1000);
    if (s.status !== "active" || !s.answeredAt) continue;
    const answered = s.answeredAt.getTime();
    if (s.capSeconds !== null) next = Math.min(next, answered + s.capSeconds * 1000);
    const lastSeenBoth = Math.min(s.callerSeenAt?.getTime() ?? answered, s.calleeSeenAt?.getTime() ?? answered);
    next = Math.min(next, lastSeenBoth + HEARTBEAT_TIMEOUT_SECONDS * 1000);
  }
  return next;
}

/** When the member's pending-calls answer could change with no event: their next time rule. */
export async function pendingValidUntil(userId: number): Promise<number> {
  const live = await prisma.callSession.findMany({
    where: { status: { in: LIVE_STATUSES }, OR: [{ callerId: userId }, { calleeId: userId }] },
    select: { status: true, createdAt: true, answeredAt: true, capSeconds: true, callerSeenAt: true, calleeSeenAt: true },
  });
  return nextDeadline(live);
}
