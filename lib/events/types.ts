import { z } from "zod";

// Member events: small hints that something changed for a member. The client never trusts their
// content beyond "look again": it re-reads the authoritative API. Shared by the server (publish,
// route) and the browser (which parses what the stream sends), so nothing secret lives here.

export const EVENTS_CHANNEL = "meetcute_events";

const userId = z.number().int().positive();
const userIds = z.array(userId).min(1).max(2);
const sessionId = z.uuid();
const matchId = z.number().int().positive();

/** A session's status, as the API names it. */
const callStatus = z.enum(["ringing", "active", "completed", "declined", "cancelled", "missed", "failed"]);
const matchStatus = z.enum(["pending", "awaiting_decision", "matched", "passed", "unmatched", "blocked"]);

export const memberEventSchema = z.discriminatedUnion("type", [
  /** A call started ringing: the callee's card, the caller's ringing screen. */
  z.object({ type: z.literal("call.ringing"), userIds, sessionId, matchId }).strict(),
  /** It stopped ringing: answered (status active), declined, cancelled or missed. */
  z.object({ type: z.literal("call.stopped_ringing"), userIds, sessionId, matchId, status: callStatus }).strict(),
  /** A session changed after it was answered: ended, capped, failed, force-ended. */
  z.object({ type: z.literal("session.changed"), userIds, sessionId, matchId, status: callStatus }).strict(),
  /** A match moved on: the other member decided, mutual, passed, unmatched, blocked. */
  z.object({ type: z.literal("match.changed"), userIds, matchId, status: matchStatus }).strict(),
  /** The member's streams must close: banned (or signed out everywhere). */
  z.object({ type: z.literal("member.signed_out"), userIds: z.tuple([userId]), reason: z.enum(["banned", "signed_out"]) }).strict(),
]);

export type MemberEvent = z.infer<typeof memberEventSchema>;
export type MemberEventType = MemberEvent["type"];

/** What a member's stream carries: the event without its recipients. */
export type StreamEvent = { [K in MemberEvent as K["type"]]: Omit<K, "userIds"> }[MemberEventType];

export const MEMBER_EVENT_TYPES = memberEventSchema.options.map((o) => o.shape.type.value) as MemberEventType[];

/**
 * Stream-level messages (not member events):
 * - `ready`: the stream is open and the server is listening; sent first, and again after the
 *   server's listener recovered from an outage — both mean "you may have missed events: re-read".
 * - `health`: the server's database listener went down or up (events can't arrive while down).
 * - `ping`: the heartbeat; lets the tab notice a silently dead stream.
 * - `closed`: the server is closing this stream on purpose; the reason says whether to come back.
 */
export const STREAM_CONTROL = ["ready", "health", "ping", "closed"] as const;

export const closedReasonSchema = z.enum(["banned", "signed_out", "replaced", "shutdown"]);
export type ClosedReason = z.infer<typeof closedReasonSchema>;
export const closedMessageSchema = z.object({ reason: closedReasonSchema });
export const healthMessageSchema = z.object({ listening: z.boolean() });

/** Heartbeat period; proxies in front of the stream need a read timeout above it. */
export const HEARTBEAT_MS = 20_000;
/** How long the browser retries after a dropped stream (the SSE `retry:` hint). */
export const RETRY_MS = 2_000;
