// The call types the browser needs too. No `server-only` here: the call page, the API client and
// the media connection import these, while the modules that build them touch the database.
import type { CallStatus } from "@/lib/generated/prisma/enums";
import type { CALL_TYPE_LABEL } from "@/lib/calls/rules";

/** A session as one of its two members sees it: what every call endpoint answers. */
export interface SessionView {
  session_id: string;
  /** The media room's name: the session UUID itself. */
  room_name: string;
  match_id: number;
  status: CallStatus;
  call_type: (typeof CALL_TYPE_LABEL)[keyof typeof CALL_TYPE_LABEL];
  is_mutual_match: boolean;
  role: "caller" | "callee";
  other_user_id: number;
  other_user_name: string;
  created_at: string;
  answered_at: string | null;
  ended_at: string | null;
  /** Server-enforced cap for first calls (seconds), null for repeat calls. */
  cap_seconds: number | null;
  /** When a ringing call stops ringing, or when a capped call is cut off. */
  rings_until: string | null;
  ends_at: string | null;
  /** Blur until I reveal (first calls): whether the viewer's own picture is still sent blurred. */
  self_blurred: boolean;
  /** Whether the other member's picture is still sent blurred (so the viewer sees a blur). */
  other_blurred: boolean;
  /** The prompt both members see (lib/icebreakers/rules.ts); null: none on this repeat call yet. */
  icebreaker: { turn: number; prompt: string } | null;
  /**
   * Why it ended (null while live): what the call page tells the member as it leaves. A ban, a
   * block, an unmatch or a deleted account show as "other": a member is never told those here.
   */
  end_reason: ShownEndReason | null;
  /**
   * Who it was about: the member who ended it, or whose connection was lost ("left",
   * "connection_lost"), as seen by the viewer; null where no member did (the cap, a moderator,
   * LiveKit's room closing).
   */
  ended_by: "you" | "them" | null;
}

/**
 * Why a session ended, as stored in `endReason` (besides "declined"). A member's page sends
 * `hangup`, `media_failed` (the media never connected) or `connection_lost` (it connected, then
 * could not be restored); `left` is the vanish rule (endedById: the member who stopped checking
 * in) or LiveKit's room closing (endedById null).
 */
export const MEMBER_END_REASONS = ["hangup", "media_failed", "connection_lost"] as const;
export type MemberEndReason = (typeof MEMBER_END_REASONS)[number];
export type EndReason = MemberEndReason | "cap" | "timeout" | "left" | "unmatched" | "blocked" | "banned" | "admin" | "account_deleted";

/** The end reasons a session's members see (SessionView.end_reason); the rest read "other". */
export const SHOWN_END_REASONS = [...MEMBER_END_REASONS, "cap", "timeout", "left", "admin", "declined"] as const;
export type ShownEndReason = (typeof SHOWN_END_REASONS)[number] | "other";
