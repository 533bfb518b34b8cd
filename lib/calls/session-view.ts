import "server-only";
import { shownName } from "@/lib/account/deleted-member";
import type { Prisma } from "@/lib/generated/prisma/client";
import { callTiming } from "@/lib/calls/config";
import { CALL_TYPE_LABEL, firstCallEndsAt } from "@/lib/calls/rules";
import { now } from "@/lib/clock";
import { SHOWN_END_REASONS, type SessionView } from "@/lib/calls/types";
import { shownIcebreaker } from "@/lib/icebreakers/rules";

// A loaded session and what one of its members sees of it. Every step loads sessions with
// `sessionInclude`, so every answer can be built from the row it already holds.

export const sessionInclude = {
  match: { select: { status: true } },
  caller: { select: { deletedAt: true, profile: { select: { displayName: true } } } },
  callee: { select: { deletedAt: true, profile: { select: { displayName: true } } } },
} satisfies Prisma.CallSessionInclude;

export type LoadedSession = Prisma.CallSessionGetPayload<{ include: typeof sessionInclude }>;

export function toSessionView(s: LoadedSession, viewerId: number): SessionView {
  const { ringTimeoutSeconds } = callTiming();
  const isCaller = s.callerId === viewerId;
  const other = isCaller ? s.callee : s.caller;
  const otherId = isCaller ? s.calleeId : s.callerId;
  return {
    session_id: s.id,
    room_name: s.id,
    match_id: s.matchId,
    status: s.status,
    call_type: CALL_TYPE_LABEL[s.kind],
    is_mutual_match: s.match.status === "matched",
    role: isCaller ? "caller" : "callee",
    other_user_id: otherId,
    other_user_name: shownName(other),
    created_at: s.createdAt.toISOString(),
    answered_at: s.answeredAt?.toISOString() ?? null,
    ended_at: s.endedAt?.toISOString() ?? null,
    cap_seconds: s.capSeconds,
    rings_until: s.status === "ringing" ? new Date(s.createdAt.getTime() + ringTimeoutSeconds * 1000).toISOString() : null,
    // The cap, moved later by the time the server saw the media down (time-rules.ts).
    ends_at: firstCallEndsAt(s, now())?.toISOString() ?? null,
    self_blurred: isCaller ? s.callerBlurred : s.calleeBlurred,
    other_blurred: isCaller ? s.calleeBlurred : s.callerBlurred,
    icebreaker: shownIcebreaker(s),
    end_reason: shownEndReason(s.endReason),
    // Only a member of the call: an admin who ended it is nobody's "them".
    ended_by: s.endedById === viewerId ? "you" : s.endedById === otherId ? "them" : null,
  };
}

function shownEndReason(reason: string | null): SessionView["end_reason"] {
  if (reason === null) return null;
  return (SHOWN_END_REASONS as readonly string[]).includes(reason) ? (reason as SessionView["end_reason"]) : "other";
}

/** The other member's display name, as the viewer's error messages name them. */
export function otherName(s: LoadedSession, viewerId: number) {
  const other = s.callerId === viewerId ? s.callee : s.caller;
  return other.deletedAt ? shownName(other) : (other.profile?.displayName ?? "They");
}
