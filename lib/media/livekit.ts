import "server-only";
import {
  AccessToken,
  RoomServiceClient,
  ServerError,
  TrackSource,
  WebhookReceiver,
  type VideoGrant,
  type WebhookEvent,
} from "livekit-server-sdk";
import { z } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { log } from "@/lib/log";
import type { ConnectionDetails } from "@/lib/media/types";

export type { WebhookEvent } from "livekit-server-sdk";

export type LiveKitConfig = { url: string; apiKey: string; apiSecret: string };

type LiveKitEnv = { LIVEKIT_URL?: string; LIVEKIT_API_KEY?: string; LIVEKIT_API_SECRET?: string };

/** LiveKit is used only when all three settings are present; otherwise calls go direct. */
export function liveKitConfig(env: LiveKitEnv): LiveKitConfig | null {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = env;
  if (!url || !apiKey || !apiSecret) return null;
  return { url, apiKey, apiSecret };
}

// ---------------------------------------------------------------------------------------------
// Tokens

export type ParticipantTokenRequest = {
  /** The session UUID: one room per call session. */
  roomName: string;
  /** The member id, as a string. */
  identity: string;
  name: string;
  ttlSeconds: number;
};

/** Join one room with camera and microphone only; no screen share, no room administration. */
function participantGrant(roomName: string): VideoGrant {
  return {
    room: roomName,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    roomCreate: false,
    roomAdmin: false,
    roomList: false,
  };
}

export async function mintParticipantToken(cfg: LiveKitConfig, req: ParticipantTokenRequest): Promise<string> {
  const token = new AccessToken(cfg.apiKey, cfg.apiSecret, {
    identity: req.identity,
    name: req.name,
    ttl: req.ttlSeconds,
  });
  token.addGrant(participantGrant(req.roomName));
  return token.toJwt();
}

export async function connectionDetails(cfg: LiveKitConfig, req: ParticipantTokenRequest): Promise<ConnectionDetails> {
  return {
    transport: "livekit",
    serverUrl: cfg.url,
    roomName: req.roomName,
    participantToken: await mintParticipantToken(cfg, req),
    participantName: req.name,
  };
}

const TOKEN_GRACE_SECONDS = 15;
const MIN_TOKEN_TTL_SECONDS = 10;
const REPEAT_CALL_TOKEN_TTL_SECONDS = 10 * 60;

export type TokenSession = {
  kind: "first" | "repeat";
  capSeconds: number | null;
  answeredAt: Date | null;
  createdAt: Date;
};

/**
 * How long a join token stays valid. LiveKit checks a token only when a participant joins (or
 * rejoins), never during the call, so the TTL bounds how late someone can get into the room;
 * the cap itself is enforced by removing the participants when it is reached.
 * A first call's token therefore expires shortly after the latest moment the call can still
 * be running: the rest of the ring time (if not answered yet) plus the cap, plus a grace for
 * clock skew and reconnects. Repeat calls have no cap, so a few minutes is enough.
 */
export function tokenTtlSeconds(session: TokenSession, now: Date, ringTimeoutSeconds: number): number {
  if (session.kind === "repeat") return REPEAT_CALL_TOKEN_TTL_SECONDS;
  if (session.capSeconds === null) throw new Error("A first call must have a cap (capSeconds is null).");
  const ttl = session.answeredAt
    ? session.capSeconds - secondsBetween(session.answeredAt, now)
    : Math.max(0, ringTimeoutSeconds - secondsBetween(session.createdAt, now)) + session.capSeconds;
  return Math.max(MIN_TOKEN_TTL_SECONDS, Math.ceil(ttl + TOKEN_GRACE_SECONDS));
}

function secondsBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Rooms. Failures here must not break the call lifecycle: they are logged and reported as false.

// At most the two members; a room nobody joins closes after 30 s, one everybody left after 20 s.
const ROOM_SETTINGS = { maxParticipants: 2, emptyTimeout: 30, departureTimeout: 20 } as const;
const REVOKE_LEEWAY_SECONDS = 60;

// Short timeout so an unreachable LiveKit server delays a call by seconds, not the SDK's 10 s;
// region failover only applies to LiveKit Cloud and would multiply the wait.
function roomService(cfg: LiveKitConfig): RoomServiceClient {
  return new RoomServiceClient(cfg.url, cfg.apiKey, cfg.apiSecret, { requestTimeout: 5, failover: false });
}

function isNotFound(err: unknown): boolean {
  return err instanceof ServerError && (err.status === 404 || err.code === "not_found");
}

/** Creates the session's room (idempotent on the LiveKit side) with room for the two members only. */
export async function ensureRoom(cfg: LiveKitConfig, roomName: string): Promise<boolean> {
  try {
    await roomService(cfg).createRoom({ name: roomName, ...ROOM_SETTINGS });
    return true;
  } catch (err) {
    log.warn({ err, roomName }, "livekit: could not create room");
    return false;
  }
}

/** Ends the room for everyone in it. A room that is already gone counts as closed. */
export async function closeRoom(cfg: LiveKitConfig, roomName: string): Promise<boolean> {
  try {
    await roomService(cfg).deleteRoom(roomName);
    return true;
  } catch (err) {
    if (isNotFound(err)) return true;
    log.warn({ err, roomName }, "livekit: could not close room");
    return false;
  }
}

/**
 * Disconnects the given participants. `revokeTokenTs` also invalidates their current tokens,
 * so a client cannot rejoin with a token that is still inside its grace period.
 */
export async function removeParticipants(
  cfg: LiveKitConfig,
  roomName: string,
  identities: string[],
): Promise<boolean> {
  const service = roomService(cfg);
  // Tokens whose not-before is earlier than this are refused. The leeway covers a token minted
  // moments ago by another app instance whose clock runs a little ahead.
  const revokeTokenTs = BigInt(Math.floor(Date.now() / 1000) + REVOKE_LEEWAY_SECONDS);
  const results = await Promise.allSettled(
    identities.map((identity) => service.removeParticipant(roomName, identity, { revokeTokenTs })),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" && !isNotFound(r.reason) ? [r.reason] : []));
  for (const err of failures) log.warn({ err, roomName }, "livekit: could not remove participant");
  return failures.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Webhooks

const MAX_WEBHOOK_AGE_SECONDS = 5 * 60;

/**
 * Where webhook ids are remembered: `claim(id)` is true only the first time any instance sees an
 * id (lib/media/webhook-receipts.ts keeps them in PostgreSQL). Webhooks older than five minutes
 * are refused anyway, so ids only have to be kept that long.
 */
export type SeenIds = { claim(id: string): Promise<boolean> };

/**
 * Checks a LiveKit webhook: the Authorization JWT must be signed with our API secret and carry
 * the SHA-256 of the exact body; the event must be fresh and not seen before (replay).
 */
export async function verifyWebhook(
  cfg: LiveKitConfig,
  rawBody: string,
  authHeader: string | null,
  opts: { now: Date; seenIds: SeenIds },
): Promise<WebhookEvent> {
  if (!authHeader) throw new HttpError(401, "Missing webhook signature.");
  let event: WebhookEvent;
  try {
    event = await new WebhookReceiver(cfg.apiKey, cfg.apiSecret).receive(rawBody, authHeader);
  } catch {
    throw new HttpError(401, "Invalid webhook signature.");
  }
  const ageSeconds = opts.now.getTime() / 1000 - Number(event.createdAt);
  if (ageSeconds > MAX_WEBHOOK_AGE_SECONDS) throw new HttpError(401, "Webhook is too old.");
  if (!event.id) throw new HttpError(401, "Webhook has no id.");
  // Claimed only once genuine and fresh: a forged copy can't use up the real event's id.
  if (!(await opts.seenIds.claim(event.id))) throw new HttpError(401, "Webhook was already received.");
  return event;
}

export type SessionEndSignal = { sessionId: string; reason: "room_finished" | "participant_left" };

const sessionId = z.uuid();

/** Which webhook events end a call session: its room closed, or a member left for good. */
export function sessionEndSignal(event: WebhookEvent): SessionEndSignal | null {
  if (event.event !== "room_finished" && event.event !== "participant_left") return null;
  const parsed = sessionId.safeParse(event.room?.name);
  return parsed.success ? { sessionId: parsed.data, reason: event.event } : null;
}

export type MediaEvidenceSignal = { sessionId: string; userId: number };

const memberIdentity = z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number);

/**
 * Which webhook events are evidence that a member's media reached the call: LiveKit saw them
 * publish a track (joining the room alone is not media). The identity is the member id.
 */
export function mediaEvidenceSignal(event: WebhookEvent): MediaEvidenceSignal | null {
  if (event.event !== "track_published") return null;
  const room = sessionId.safeParse(event.room?.name);
  const identity = memberIdentity.safeParse(event.participant?.identity);
  return room.success && identity.success ? { sessionId: room.data, userId: identity.data } : null;
}

/** A participant joined a session's room (checked against the session: ended sessions evict). */
export function roomJoinSignal(event: WebhookEvent): { sessionId: string; identity: string } | null {
  if (event.event !== "participant_joined" || !event.participant?.identity) return null;
  const room = sessionId.safeParse(event.room?.name);
  return room.success ? { sessionId: room.data, identity: event.participant.identity } : null;
}
