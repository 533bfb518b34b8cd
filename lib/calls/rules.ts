// The call-session state machine, as data. Every status change a request makes goes through
// transition() in lib/calls/transition.ts, which refuses anything not drawn here.
//
//   ringing ──join──▶ active ──end / cap──▶ completed
//      │                 └──end (media never connected)──▶ failed
//      ├─decline──▶ declined     (callee)
//      ├─cancel───▶ cancelled    (caller; also unmatch/block/ban/force-end)
//      └─timeout──▶ missed       (nobody answered within the ring timeout)
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { formatMinutesLeft } from "@/lib/format";

export const LIVE_STATUSES: CallStatus[] = ["ringing", "active"];

export const TRANSITIONS: Record<CallStatus, CallStatus[]> = {
  ringing: ["active", "declined", "cancelled", "missed"],
  active: ["completed", "failed"],
  completed: [],
  missed: [],
  declined: [],
  cancelled: [],
  failed: [],
};

export function canTransition(from: CallStatus, to: CallStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isLive(status: CallStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

export const CALL_TYPE_LABEL = { first: "First Call", repeat: "Repeat Call 💕" } as const;

/** What the other person sees when a call they act on has already ended. */
export function endedMessage(status: CallStatus, otherName: string): string {
  switch (status) {
    case "cancelled":
      return `${otherName} cancelled the call.`;
    case "declined":
      return "This call was declined.";
    case "missed":
      return "This call is no longer ringing — nobody answered in time.";
    case "completed":
    case "failed":
      return "This call has already ended.";
    default:
      return "This call is not available.";
  }
}

/** Unanswered calls in a row from one caller on one match before further calls are refused. */
export const RING_LIMIT_CALLS = 3;
/** How long the refusal lasts, counted from the end of the last unanswered call. */
export const RING_LIMIT_SECONDS = 60 * 60;

/** A past session of a match, as the ring limit reads it (newest first). */
export type RingHistoryEntry = { callerId: number; answeredAt: Date | null; endedAt: Date | null; createdAt: Date };

/**
 * When `callerId` may ring again, or null if they may now. `recent` holds the match's newest
 * sessions that either `callerId` placed or somebody answered (newest first, at least
 * RING_LIMIT_CALLS of them when there are that many): the callee's own unanswered calls back
 * neither count nor break the streak, and an answered call in either direction resets it.
 */
export function ringLimitUntil(recent: RingHistoryEntry[], callerId: number, at: Date): Date | null {
  const streak = recent.slice(0, RING_LIMIT_CALLS);
  if (streak.length < RING_LIMIT_CALLS || streak.some((s) => s.callerId !== callerId || s.answeredAt)) return null;
  const last = streak[0];
  const until = new Date((last.endedAt ?? last.createdAt).getTime() + RING_LIMIT_SECONDS * 1000);
  return until > at ? until : null;
}

export function ringLimitMessage(calleeName: string, until: Date, at: Date): string {
  const wait = formatMinutesLeft((until.getTime() - at.getTime()) / 1000);
  return `${calleeName} hasn't answered your last ${RING_LIMIT_CALLS} calls. You can call ${calleeName} again in ${wait}.`;
}

/** Both members checking in this long into an active call counts as the media having connected. */
export const CONNECTED_AFTER_SECONDS = 20;

export type MediaEvidence = {
  answeredAt: Date | null;
  callerMediaAt: Date | null;
  calleeMediaAt: Date | null;
  callerSeenAt: Date | null;
  calleeSeenAt: Date | null;
};

/**
 * Whether an active call's media connected, decided from what the server saw — never from the
 * client's `media_failed` alone: either member's page reported the other's media playing (or
 * LiveKit saw them publish), or both members kept checking in for CONNECTED_AFTER_SECONDS after
 * the answer. One member's evidence is enough, so one member cannot dodge the decision by
 * withholding theirs.
 */
export function mediaConnected(s: MediaEvidence): boolean {
  if (s.callerMediaAt || s.calleeMediaAt) return true;
  if (!s.answeredAt || !s.callerSeenAt || !s.calleeSeenAt) return false;
  const bothSeenUntil = Math.min(s.callerSeenAt.getTime(), s.calleeSeenAt.getTime());
  return bothSeenUntil - s.answeredAt.getTime() >= CONNECTED_AFTER_SECONDS * 1000;
}

/**
 * Both pages hang up when their countdown reaches zero, read on an estimate of the server's
 * clock (lib/calls/browser/clock-estimate.ts), so the first end can arrive a little before the
 * cap falls due. An end this close to a first call's cap is the cap: neither member is told the
 * other ended it.
 */
export const CAP_END_GRACE_SECONDS = 2;

/** Whether an end at `t` is the first call's cap running out (within CAP_END_GRACE_SECONDS of it). */
export function endsAtCap(s: MediaDownTiming, t: Date): boolean {
  const end = firstCallEndsAt(s, t);
  return end !== null && end.getTime() - t.getTime() <= CAP_END_GRACE_SECONDS * 1000;
}

/** The columns that say when each member of an active call was last heard from. */
export type Presence = {
  callerId: number;
  answeredAt: Date | null;
  callerSeenAt: Date | null;
  calleeSeenAt: Date | null;
  callerSeenBy: string | null;
  calleeSeenBy: string | null;
};

/**
 * Whether the other member of an active call has gone quiet: no instance vouches for them (none
 * holds their check-ins; lib/calls/presence.ts) and their last check-in, or the answer if they
 * never checked in, is at least `quietSeconds` old. When a page reports the connection lost,
 * this decides whose it was: the server's timestamps, not the page, which sees only that the
 * path between the two failed.
 */
export function otherWentQuiet(s: Presence, userId: number, t: Date, quietSeconds: number): boolean {
  const other = s.callerId !== userId ? "caller" : "callee";
  if ((other === "caller" ? s.callerSeenBy : s.calleeSeenBy) !== null) return false;
  const last = storedLastSeen(s, other);
  return last !== null && t.getTime() - last.getTime() >= quietSeconds * 1000;
}

/** The other member's last check-in as stored, or the answer if they never checked in. */
export function otherLastSeen(s: Presence, userId: number): Date | null {
  return storedLastSeen(s, s.callerId !== userId ? "caller" : "callee");
}

/**
 * A member's last check-in as the session row stores it, or the answer if they never checked in
 * (null before the answer): the vanish rule's per-member clock in JS (time-rules.ts), without
 * the vouching instance's heartbeat, which only the SQL reads.
 */
export function storedLastSeen(s: Pick<Presence, "answeredAt" | "callerSeenAt" | "calleeSeenAt">, role: "caller" | "callee"): Date | null {
  return (role === "caller" ? s.callerSeenAt : s.calleeSeenAt) ?? s.answeredAt;
}

/**
 * Sixty seconds of talk: a first call gets back the time the server saw its media down, up to
 * this much in all. "Seen down" is a member's check-in saying the other's media stopped playing
 * after it had played (lib/calls/time-rules.ts stores it); one member's word can move the end by
 * at most this bound, never more.
 */
export const MEDIA_DOWN_CREDIT_MAX_SECONDS = 30;

export type MediaDownTiming = {
  answeredAt: Date | null;
  capSeconds: number | null;
  /** Since when at least one member reports the media down (null: nobody now). */
  mediaDownSince: Date | null;
  /** Down time already over, in ms. */
  mediaDownMs: number;
};

/** The time a first call gets back at `at`: the finished outages plus the one under way, at most the bound (ms). */
export function mediaDownCreditMs(s: Pick<MediaDownTiming, "mediaDownSince" | "mediaDownMs">, at: Date): number {
  const ongoing = s.mediaDownSince ? Math.max(0, at.getTime() - s.mediaDownSince.getTime()) : 0;
  return Math.min(MEDIA_DOWN_CREDIT_MAX_SECONDS * 1000, s.mediaDownMs + ongoing);
}

/** When a first call ends as of `at`: its cap after the answer, moved later by the credit; null without a cap. */
export function firstCallEndsAt(s: MediaDownTiming, at: Date): Date | null {
  if (!s.answeredAt || !s.capSeconds) return null;
  return new Date(s.answeredAt.getTime() + s.capSeconds * 1000 + mediaDownCreditMs(s, at));
}
