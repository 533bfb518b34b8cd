import "server-only";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { endedMessage, isLive } from "@/lib/calls/rules";
import { transition } from "@/lib/calls/transition";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { otherName, toSessionView, type LoadedSession } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";
import { settlePresence } from "@/lib/calls/presence";

/** The callee answers (ringing → active). The caller "joins" the session they are already in. */
export async function joinCall(userId: number, sessionId: string): Promise<SessionView> {
  await settlePresence();
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

// Advisory-lock namespace for "who is in a call" (the second key is the member's id).
const MEMBER_CALL_LOCK = 0x6d63_616c; // "mcal"

/**
 * Answering is the one move that makes a call active, and both members' other calls live on
 * other matches, which the match lock does not cover: the caller may have answered another call
 * since this one started ringing, or be answering one right now. So both members are locked
 * (transaction-scoped advisory locks, in id order, always after the one match lock: no cycle),
 * then both are checked — a member is never in two active calls, even when two answers race.
 */
export async function answer(tx: Tx, s: LoadedSession, calleeId: number): Promise<LoadedSession> {
  // One statement, two locks: a target list is evaluated left to right, so the lower id is
  // locked first, as everywhere.
  const [first, second] = [s.callerId, s.calleeId].sort((a, b) => a - b);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MEMBER_CALL_LOCK}::int, ${first}::int), pg_advisory_xact_lock(${MEMBER_CALL_LOCK}::int, ${second}::int)`;
  const busy = await inOtherCalls(tx, [calleeId, s.callerId], s.id);
  if (busy.has(calleeId)) throw conflict("End your other call before joining this one.", "busy");
  if (busy.has(s.callerId)) {
    // As at start-call: a stranger hears one answer for busy and unavailable alike.
    const name = otherName(s, calleeId);
    throw s.match.status === "matched" ? conflict(`${name} is in another call.`, "busy") : conflict(`${name} isn't available right now.`, "unavailable");
  }
  const t = now();
  const row = await transition(tx, s, "active", { answeredAt: t, calleeSeenAt: t }, conflict("This call is no longer ringing.", "not_ringing"));
  // The relations are as loaded: the match is locked, and answering changes neither member.
  return { ...s, ...row };
}

/** Which of `userIds` are in an active call other than `exceptSessionId` (one query for all). */
async function inOtherCalls(tx: Tx, userIds: number[], exceptSessionId: string): Promise<Set<number>> {
  const others = await tx.callSession.findMany({
    where: {
      status: "active",
      OR: [{ callerId: { in: userIds } }, { calleeId: { in: userIds } }],
      id: { not: exceptSessionId },
    },
    select: { callerId: true, calleeId: true },
  });
  return new Set(others.flatMap((o) => [o.callerId, o.calleeId]).filter((id) => userIds.includes(id)));
}
