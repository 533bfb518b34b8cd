import "server-only";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { endedMessage, isLive } from "@/lib/calls/rules";
import { transition } from "@/lib/calls/transition";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { otherName, sessionInclude, toSessionView, type LoadedSession } from "@/lib/calls/session-view";
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
  for (const id of [s.callerId, s.calleeId].sort((a, b) => a - b)) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MEMBER_CALL_LOCK}::int, ${id}::int)`;
  }
  await assertNotInAnotherCall(tx, calleeId, s.id, "End your other call before joining this one.");
  if (await inAnotherCall(tx, s.callerId, s.id)) {
    // As at start-call: a stranger hears one answer for busy and unavailable alike.
    const name = otherName(s, calleeId);
    throw s.match.status === "matched" ? conflict(`${name} is in another call.`, "busy") : conflict(`${name} isn't available right now.`, "unavailable");
  }
  const t = now();
  await transition(tx, s, "active", { answeredAt: t, calleeSeenAt: t }, conflict("This call is no longer ringing.", "not_ringing"));
  return tx.callSession.findUniqueOrThrow({ where: { id: s.id }, include: sessionInclude });
}

/** Whether the member is in an active call other than `exceptSessionId`. */
export async function inAnotherCall(tx: Tx, userId: number, exceptSessionId: string | null): Promise<boolean> {
  const other = await tx.callSession.findFirst({
    where: {
      status: "active",
      OR: [{ callerId: userId }, { calleeId: userId }],
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    select: { id: true },
  });
  return other !== null;
}

export async function assertNotInAnotherCall(tx: Tx, userId: number, exceptSessionId: string | null, message: string) {
  if (await inAnotherCall(tx, userId, exceptSessionId)) throw conflict(message, "busy");
}
