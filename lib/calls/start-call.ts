import "server-only";
import { shownName } from "@/lib/account/deleted-member";
import type { Tx } from "@/lib/db";
import type { CallSession, Prisma } from "@/lib/generated/prisma/client";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/http-error";
import { callTiming } from "@/lib/calls/config";
import { LIVE_STATUSES, RING_LIMIT_CALLS, ringLimitMessage, ringLimitUntil } from "@/lib/calls/rules";
import { callRefusal } from "@/lib/matches/rules";
import { withMatchLock } from "@/lib/matches/state";
import { mayBeDue, resolveExpired } from "@/lib/calls/expiry";
import { sessionsChanged } from "@/lib/calls/effects";
import { answer } from "@/lib/calls/answer";
import { toSessionView, type LoadedSession } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";
import { settlePresence } from "@/lib/calls/presence";

export interface StartCallResult {
  session: SessionView;
  /** True when a session for this match was already ringing or active and is returned as is. */
  existing: boolean;
}

/**
 * Starts a call on a match, or returns the one already ringing/active for it. A `pending` match
 * gets one first call that connects; a `matched` (mutual) match gets a new session every time.
 */
export async function startCall(callerId: number, matchId: number): Promise<StartCallResult> {
  await settlePresence();
  return transaction(async (tx) => {
    const locked = await withMatchLock(tx, matchId);
    if (!locked || (locked.userAId !== callerId && locked.userBId !== callerId)) throw notFound("Match not found.");
    // Everything the rules below read, in one statement under the lock: both members, whether
    // each is in an active call, and the match's live session (one at most: a call starts only
    // when none is live).
    const read = () => tx.match.findUniqueOrThrow({ where: { id: matchId }, include: { userA: memberFields, userB: memberFields, calls: { where: { status: { in: LIVE_STATUSES } } } } });
    let match = await read();
    // A time rule may be due only on a live session. Resolving it can end the call and, for a
    // capped first call, move the match to the decision: then read again.
    if (match.calls[0] && mayBeDue(match.calls[0], now())) {
      await resolveExpired(tx, { matchId });
      match = await read();
    }
    const [caller, callee] = match.userAId === callerId ? [match.userA, match.userB] : [match.userB, match.userA];
    // An unconfirmed member may fill in their profile, but may not call anyone.
    if (!caller.emailVerifiedAt) throw conflict("Confirm your email before calling: we sent you a link when you signed up.", "email_unconfirmed");
    const calleeName = callee.deletedAt ? shownName(callee) : (callee.profile?.displayName ?? "They");

    const { status } = match;
    const completed = status === "pending" ? await tx.callSession.count({ where: { matchId, status: "completed" } }) : 0;
    const refusal = callRefusal(status, completed);
    if (refusal === "blocked") throw notFound("Match not found.");
    if (refusal === "match_ended") throw conflict("This match has ended.", "match_ended");
    if (refusal === "passed") throw conflict("This match has ended — you can only call again when you both like each other.", "match_ended");
    // A pending match is two strangers: they hear one answer for busy, do-not-disturb and banned
    // alike, so nobody can probe another member's state. Mutual matches get the reason.
    const mutual = status === "matched";
    const unavailable = (message: string, code: string) =>
      mutual ? conflict(message, code) : conflict(`${calleeName} isn't available right now.`, "unavailable");
    if (callee.bannedAt) throw unavailable(`${calleeName} is no longer available.`, "unavailable");
    // Only mutual and passed matches outlive a deletion (lib/account/deletion.ts closes the rest).
    if (callee.deletedAt) throw conflict("This member has deleted their account.", "deleted");

    // A session as sessionInclude would read it back: its relations are all loaded above.
    const member = (id: number) => {
      const u = id === caller.id ? caller : callee;
      return { deletedAt: u.deletedAt, profile: u.profile && { displayName: u.profile.displayName } };
    };
    const loaded = (row: CallSession): LoadedSession => ({ ...row, match: { status }, caller: member(row.callerId), callee: member(row.calleeId) });
    const [live] = match.calls;
    if (live) {
      // Both pressed Call: the one being rung joins the call already ringing for them.
      if (live.status === "ringing" && live.calleeId === callerId) {
        const joined = await answer(tx, loaded(live), callerId);
        return { session: toSessionView(joined, callerId), existing: true };
      }
      return { session: toSessionView(loaded(live), callerId), existing: true };
    }
    if (refusal === "decide_first") {
      throw conflict("You've had your first call. You can call again once you both like each other.", "decide_first");
    }

    const t = now();
    await assertUnderRingLimit(tx, matchId, callerId, calleeName, t);
    if (callee.dndUntil && callee.dndUntil > t) {
      throw unavailable(`${calleeName} isn't taking calls right now.`, "do_not_disturb");
    }
    if (inActiveCall(caller)) throw conflict("You're already in another call.", "busy");
    if (inActiveCall(callee)) throw unavailable(`${calleeName} is in another call.`, "busy");

    if (mutual) log.info({ matchId }, `💕 Mutual match detected! Allowing new call for match ${matchId}`);
    const { firstCallCapSeconds } = callTiming();
    const session = await tx.callSession.create({
      data: {
        matchId,
        callerId,
        calleeId: callee.id,
        kind: mutual ? "repeat" : "first",
        status: "ringing",
        createdAt: t,
        capSeconds: mutual ? null : firstCallCapSeconds,
        callerSeenAt: t,
        // Blur until I reveal: first calls only, for each member who keeps the setting on.
        callerBlurred: !mutual && (caller.profile?.blurFirstCalls ?? true),
        calleeBlurred: !mutual && (callee.profile?.blurFirstCalls ?? true),
      },
    });
    await sessionsChanged(tx, [{ id: session.id, matchId, callerId, calleeId: callee.id, from: null, to: "ringing" }]);
    log.info({ sessionId: session.id, matchId, callerId, calleeId: callee.id, kind: session.kind }, "call started");
    return { session: toSessionView(loaded(session), callerId), existing: false };
  });
}

// A member as start-call's rules read them, with their active call if any (at most one, by the
// answer's member locks: lib/calls/answer.ts). No live call of this match is active here: a live
// one returns before the check.
const activeCall = { where: { status: "active" }, select: { id: true }, take: 1 } satisfies Prisma.CallSessionFindManyArgs;
const memberFields = {
  select: {
    id: true,
    bannedAt: true,
    deletedAt: true,
    dndUntil: true,
    emailVerifiedAt: true,
    profile: { select: { displayName: true, blurFirstCalls: true } },
    callsMade: activeCall,
    callsReceived: activeCall,
  },
} satisfies Prisma.UserDefaultArgs;

function inActiveCall(member: { callsMade: unknown[]; callsReceived: unknown[] }): boolean {
  return member.callsMade.length + member.callsReceived.length > 0;
}

/**
 * The per-pair ring limit (rules.ts `ringLimitUntil`): one query on the match's session history
 * (the `[matchId, createdAt]` index), under the match lock start-call already holds.
 */
async function assertUnderRingLimit(tx: Tx, matchId: number, callerId: number, calleeName: string, t: Date) {
  const recent = await tx.callSession.findMany({
    where: { matchId, OR: [{ callerId }, { answeredAt: { not: null } }] },
    orderBy: { createdAt: "desc" },
    take: RING_LIMIT_CALLS,
    select: { callerId: true, answeredAt: true, endedAt: true, createdAt: true },
  });
  const until = ringLimitUntil(recent, callerId, t);
  if (until) throw conflict(ringLimitMessage(calleeName, until, t), "ring_limit");
}
