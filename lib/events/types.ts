import { z } from "zod";
import { lazy } from "@/lib/lazy";

// Member events: small hints that something changed for a member. The client never trusts their
// content beyond "look again": it re-reads the authoritative API. Shared by the server (publish,
// route) and the browser (which parses what the stream sends), so nothing secret lives here.

export const EVENTS_CHANNEL = "meetcute_events";

// Every schema here is built on first use (lib/lazy.ts), each group apart: a page's stream gets
// its `ready` message at once, but an event only when something happens.
const eventSchemas = lazy(() => {
  const userId = z.number().int().positive();
  const userIds = z.array(userId).min(1).max(2);
  const sessionId = z.uuid();
  const matchId = z.number().int().positive();

  /** A session's status, as the API names it. */
  const callStatus = z.enum(["ringing", "active", "completed", "declined", "cancelled", "missed", "failed"]);
  const matchStatus = z.enum(["pending", "awaiting_decision", "matched", "passed", "unmatched", "blocked"]);

  // Each event as a stream carries it; the published form adds its recipients (`userIds`).
  /** A call started ringing: the callee's card, the caller's ringing screen. */
  const callRinging = z.object({ type: z.literal("call.ringing"), sessionId, matchId });
  /** It stopped ringing: answered (status active), declined, cancelled or missed. */
  const callStoppedRinging = z.object({ type: z.literal("call.stopped_ringing"), sessionId, matchId, status: callStatus });
  /** A session changed after it was answered: ended, capped, failed, force-ended. */
  const sessionChanged = z.object({ type: z.literal("session.changed"), sessionId, matchId, status: callStatus });
  /** A match moved on: the other member decided, mutual, passed, unmatched, blocked. */
  const matchChanged = z.object({ type: z.literal("match.changed"), matchId, status: matchStatus });
  /** The member's own profile (name, photo) changed: cached copies of it are stale. */
  const memberChanged = z.object({ type: z.literal("member.changed") });
  /**
   * Sessions of the member ended (lib/auth/sign-in-sessions.ts): banned, signed out, signed out
   * everywhere, a password change or reset. Their streams close and every cached answer about the
   * member is dropped. `sessionId`: only that session ended; `exceptSessionId`: all but that one;
   * neither: all of them.
   */
  const signInSessionId = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
  const signedOut = z.object({
    type: z.literal("member.signed_out"),
    reason: z.enum(["banned", "signed_out"]),
    sessionId: signInSessionId.optional(),
    exceptSessionId: signInSessionId.optional(),
  });

  const streamEvent = z.discriminatedUnion("type", [
    callRinging.strict(),
    callStoppedRinging.strict(),
    sessionChanged.strict(),
    matchChanged.strict(),
    memberChanged.strict(),
    signedOut.strict(),
  ]);

  const memberEvent = z.discriminatedUnion("type", [
    callRinging.extend({ userIds }).strict(),
    callStoppedRinging.extend({ userIds }).strict(),
    sessionChanged.extend({ userIds }).strict(),
    matchChanged.extend({ userIds }).strict(),
    memberChanged.extend({ userIds: z.tuple([userId]) }).strict(),
    signedOut.extend({ userIds: z.tuple([userId]) }).strict(),
  ]);
  return { streamEvent, memberEvent };
});

/** What a member's stream carries: the event without its recipients. */
export const streamEventSchema = () => eventSchemas().streamEvent;
/** An event as published, with its recipients (`userIds`). */
export const memberEventSchema = () => eventSchemas().memberEvent;

export type MemberEvent = z.infer<ReturnType<typeof memberEventSchema>>;
export type MemberEventType = MemberEvent["type"];
/** What a member's stream carries: the event without its recipients. */
export type StreamEvent = z.infer<ReturnType<typeof streamEventSchema>>;

/** Every event type (a unit test holds it equal to the schema's). */
export const MEMBER_EVENT_TYPES = [
  "call.ringing",
  "call.stopped_ringing",
  "session.changed",
  "match.changed",
  "member.changed",
  "member.signed_out",
] as const satisfies readonly MemberEventType[];

/**
 * The events that announce a change to a member's own record (email confirmed, name, photo) or
 * to their sign-in sessions (ban, deletion, sign-out, password change or reset). What is cached
 * from those alone drops on these and not on every call or match event (member-answer-cache.ts).
 */
export const MEMBER_RECORD_EVENTS = ["member.changed", "member.signed_out"] as const satisfies readonly MemberEventType[];

// Stream-level messages besides member events:
// - `ready` { listening }: the stream is open; sent first, and again when the server's database
//   listener is back after an outage. Both mean "you may have missed events: re-read".
// - `health` { listening: false }: the server's listener is down; no events arrive until `ready`.
// - `ping`: the heartbeat. A named event rather than an SSE comment, so the tab can notice a
//   stream that died silently (comments never reach EventSource listeners).
// - `closed` { reason }: the server ends this stream on purpose; the reason says whether to return.

export const closedReasonSchema = lazy(() => z.enum(["banned", "signed_out", "replaced", "shutdown"]));
export type ClosedReason = z.infer<ReturnType<typeof closedReasonSchema>>;
export const closedMessageSchema = lazy(() => z.object({ reason: closedReasonSchema() }));
export const healthMessageSchema = lazy(() => z.object({ listening: z.boolean() }));

/** Heartbeat period; proxies in front of the stream need a read timeout above it. */
export const HEARTBEAT_MS = 20_000;
/** How long the browser retries after a dropped stream (the SSE `retry:` hint). */
export const RETRY_MS = 2_000;
