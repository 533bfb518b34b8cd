import "server-only";
import { prisma } from "@/lib/db";
import { LIVE_STATUSES } from "@/lib/calls/rules";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import { nextDeadline } from "@/lib/calls/time-rules";
import type { IncomingCall } from "@/lib/calls/incoming-call";

// The notification poll's answer per member, in memory. Every change to a call, session or match
// publishes an event naming both members, which drops their entries (lib/events/member-answer-cache.ts);
// what changes with no event — time rules — is covered by `validUntil`: the earliest moment a
// ringing call of theirs times out or an active one reaches its cap or its heartbeat staleness
// (lib/calls/time-rules.ts, the rules lib/calls/expiry.ts applies). Past it, the next poll reads the database again and resolves
// what is due. Check-ins move staleness later without an event, so the stored deadline is early,
// never late: at worst one extra read.

/**
 * Safety net: an entry lives at most this long even with no event and nothing due. Long for the
 * reason MEMBER_TTL_MS is (lib/auth/signed-in-member-cache.ts): a shorter one turns most polls into misses.
 */
export const INCOMING_CALLS_TTL_MS = 5 * 60_000;

/** An incoming call as cached: `seconds_ago` is computed on every read from `createdAt`. */
export type StoredIncomingCall = Omit<IncomingCall, "seconds_ago"> & { createdAt: Date };

export const incomingCallsCache = memberAnswerCache<StoredIncomingCall[]>({ ttlMs: INCOMING_CALLS_TTL_MS });

/** When the member's incoming-calls answer could change with no event: their next time rule. */
export async function incomingCallsValidUntil(userId: number): Promise<number> {
  const live = await prisma.callSession.findMany({
    where: { status: { in: LIVE_STATUSES }, OR: [{ callerId: userId }, { calleeId: userId }] },
    select: { status: true, createdAt: true, answeredAt: true, capSeconds: true, callerSeenAt: true, calleeSeenAt: true },
  });
  return nextDeadline(live);
}
