import "server-only";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import type { CallStatus } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { endedMessage, endsAtCap, firstCallEndsAt, mediaConnected, otherLastSeen, otherWentQuiet } from "@/lib/calls/rules";
import { transitionMatches } from "@/lib/matches/state";
import { transition } from "@/lib/calls/transition";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { otherName, toSessionView, type LoadedSession } from "@/lib/calls/session-view";
import type { EndReason, MemberEndReason, SessionView } from "@/lib/calls/types";
import { RELEASE_AFTER_SECONDS, settlePresence } from "@/lib/calls/presence";

/** The callee says no while it rings (ringing → declined). */
export async function declineCall(userId: number, sessionId: string): Promise<SessionView> {
  await settlePresence();
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.calleeId !== userId) throw conflict("Only the person being called can decline. Cancel the call instead.", "not_callee");
    if (s.status === "active") throw conflict("You already joined this call. End it instead.", "already_joined");
    if (s.status !== "ringing") throw conflict(endedMessage(s.status, otherName(s, userId)), "ended");
    return toSessionView(await finish(tx, s, "declined", userId, "declined"), userId);
  });
}

/** The caller gives up while it rings (ringing → cancelled). */
export async function cancelCall(userId: number, sessionId: string): Promise<SessionView> {
  await settlePresence();
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.callerId !== userId) throw conflict("Only the caller can cancel. Decline the call instead.", "not_caller");
    if (s.status === "active") throw conflict(`${otherName(s, userId)} already joined. End the call instead.`, "already_joined");
    if (s.status !== "ringing") throw conflict(endedMessage(s.status, otherName(s, userId)), "ended");
    return toSessionView(await finish(tx, s, "cancelled", userId, "hangup"), userId);
  });
}

/**
 * Either member hangs up. An active call becomes completed — or failed when the client reports
 * the media never connected (or was lost) and the server has no evidence that it ever played
 * (rules.ts `mediaConnected`). Hanging up a ringing call cancels (caller) or declines (callee) it.
 */
export async function endCall(userId: number, sessionId: string, reason: MemberEndReason = "hangup"): Promise<SessionView> {
  await settlePresence();
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.status === "ringing") {
      const to = s.callerId === userId ? "cancelled" : "declined";
      return toSessionView(await finish(tx, s, to, userId, "hangup"), userId);
    }
    if (s.status !== "active") throw conflict("This call has already ended.", "ended");
    // The client's `media_failed` and `connection_lost` are only hints: a call with evidence of
    // media counts; one without (lost before any check-in saw it play) failed, and a first call
    // is not used up by it.
    const to = reason !== "hangup" && !mediaConnected(s) ? "failed" : "completed";
    const t = now();
    // An end while the other member's page has gone quiet (released by presence, silent since) is
    // theirs: stored as the vanish rule stores it, which it would have become anyway. The page
    // ending it saw the path fail (connection_lost) or, on LiveKit, the other leave the room
    // (hangup); either way it cannot tell whose connection it was, the server can. Otherwise a
    // connection_lost names nobody (endedNotice).
    if (reason !== "media_failed" && to === "completed" && otherWentQuiet(s, userId, t, RELEASE_AFTER_SECONDS)) {
      // …ending, as that rule does, when they were last heard from.
      const otherId = s.callerId === userId ? s.calleeId : s.callerId;
      return toSessionView(await finish(tx, s, to, otherId, "left", otherLastSeen(s, userId) ?? undefined), userId);
    }
    // A page's countdown reached zero a moment before the server's: that is the cap, by nobody.
    if (to === "completed" && endsAtCap(s, t)) return toSessionView(await finish(tx, s, to, null, "cap", t), userId);
    return toSessionView(await finish(tx, s, to, userId, reason, t), userId);
  });
}

/**
 * Ends one live session (already loaded under its match lock) along `to`, whoever ends it:
 * stamps the end (now, or `t` when it ended earlier: a member who went quiet), drops its
 * signalling, and uses up a first call that connected.
 */
export async function finish(tx: Tx, s: LoadedSession, to: CallStatus, byUserId: number | null, reason: EndReason | "declined", t: Date = now()): Promise<LoadedSession> {
  // A capped call never lasts past its cap, whoever ends it and however late.
  const capEnd = firstCallEndsAt(s, t);
  const endedAt = capEnd && capEnd < t ? capEnd : t;
  const row = await transition(tx, s, to, { endedAt, endedById: byUserId, endReason: reason }, conflict("This call changed while you were acting on it. Please try again.", "changed"));
  // After the update, in a statement of its own: a message being sent holds the session row
  // (lib/media/signalling.ts), so the update waited for it to commit, and only a statement begun
  // after the wait sees it (one WITH … DELETE beside the update would read from before it).
  await tx.callSignal.deleteMany({ where: { sessionId: s.id } });
  // The one first call that connected is used up: the match moves on to the decision.
  const decided = to === "completed" && s.kind === "first" && (await transitionMatches(tx, [s.matchId], "pending", "awaiting_decision")).length > 0;
  log.info({ sessionId: s.id, matchId: s.matchId, from: s.status, to, reason, byUserId }, "call ended");
  // The row as updated; the match as this transaction (holding its lock) left it.
  return { ...s, ...row, match: decided ? { status: "awaiting_decision" } : s.match };
}
