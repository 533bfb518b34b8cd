import { z } from "zod";
import type { MemberEndReason, SessionView } from "@/lib/calls/types";
import type { SnapshotShownValue } from "@/lib/safety/snapshot-rules";
import { incomingCallSchema, type IncomingCall } from "@/lib/calls/incoming-call";
import type { MatchView } from "@/lib/matches/view";
import type { SignalInput, SignalMessage } from "@/lib/media/signalling";
import type { MediaConnection } from "@/lib/media/types";
import type { DndMode, DoNotDisturbStatus } from "@/lib/profile/do-not-disturb";
import { NETWORK_ERROR_MESSAGE } from "@/lib/api/messages";
import { lazy } from "@/lib/lazy";

// The browser's one client for our JSON API (the contract in PRODUCT.md and docs/api.md):
// one error type, one fetch wrapper, and a typed function per endpoint, grouped by concept.
// Browser-safe: server modules are imported for their types only. Schemas are built when a
// request needs them (lib/lazy.ts), not when a page loads this module.

/** What the member reads when a request never reached the server (lib/api/messages.ts). */
export { NETWORK_ERROR_MESSAGE };

/** A refused or failed request, with the server's `{ error, code? }` when it sent one. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never reached the server. */
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const errorBodySchema = lazy(() => z.object({ error: z.string(), code: z.string().optional() }));

/** Our own words for an answer without the server's `{ error }` (a proxy's 502, a changed shape). */
const failedMessage = (status: number) => `Request failed (${status}).`;
const UNEXPECTED_ANSWER = "Meetcute answered something unexpected. Please try again.";

type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON; a FormData goes as multipart (the photo upload). */
  body?: unknown;
  /** Lets the request outlive the page (pagehide). */
  keepalive?: boolean;
  /** Checks the answer's shape; without it the answer is trusted as T. */
  schema?: z.ZodType<T>;
  /** Give up after this long (default REQUEST_TIMEOUT_MS; a photo upload UPLOAD_TIMEOUT_MS). */
  timeoutMs?: number;
};

/**
 * A request still unanswered after this long is given up as unreachable (status 0). Without a
 * bound, one request that never gets an answer — sent to a server as it went down, say — stalls
 * whatever awaits it for good: the call page's check-in loop then stops, and after
 * HEARTBEAT_TIMEOUT_SECONDS (30) the server ends the call as if the member had left.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A photo from a phone on a slow uplink can take a while. */
export const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * One request to our API. Resolves with the parsed answer of a 2xx; throws ApiError otherwise
 * (status 0: never reached the server).
 */
export async function request<T>(url: string, { method = "GET", body, keepalive, schema, timeoutMs }: RequestOptions<T> = {}): Promise<T> {
  const unsafe = method !== "GET";
  const multipart = body instanceof FormData;
  const signal = AbortSignal.timeout(timeoutMs ?? (multipart ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS));
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      cache: "no-store",
      keepalive,
      signal,
      headers: {
        accept: "application/json",
        // Every unsafe request says application/json, body or not: the server's CSRF rule. A
        // multipart body sets its own type (with the boundary); the server accepts that one too.
        ...(unsafe && !multipart ? { "content-type": "application/json" } : {}),
      },
      body: !unsafe ? undefined : multipart ? body : JSON.stringify(body ?? {}),
    });
  } catch {
    // fetch only rejects when the request never reached the server, or got no answer in time.
    throw new ApiError(0, NETWORK_ERROR_MESSAGE);
  }
  const json: unknown = await res.json().catch(() => null);
  if (signal.aborted) throw new ApiError(0, NETWORK_ERROR_MESSAGE); // the answer stopped half-way
  if (!res.ok) {
    const refused = errorBodySchema().safeParse(json);
    if (refused.success) throw new ApiError(res.status, refused.data.error, refused.data.code);
    throw new ApiError(res.status, failedMessage(res.status));
  }
  if (!schema) return json as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(res.status, UNEXPECTED_ANSWER);
  return parsed.data;
}

/**
 * The request acted on something that is gone or no longer in the state it expected: 404 (a call
 * or match that no longer exists for us) or 409 (a call that stopped ringing, a session that
 * ended, a match that changed). The screen should drop it or re-read the truth, not retry.
 */
export function isGone(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.status === 404 || err.status === 409);
}

/**
 * The server could not be asked: no answer at all (status 0) or 503 (draining, or its database
 * out of reach). Worth asking again shortly, as nothing was decided.
 */
export function isUnavailable(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.status === 503 || err.status === 0);
}

/**
 * The message to show for a failed request: the server's words, the one "couldn't reach" line,
 * or `fallback` (the screen's own words) for anything else.
 */
export function errorMessage(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError) || err.message === failedMessage(err.status) || err.message === UNEXPECTED_ANSWER) return fallback;
  return err.message;
}

// ---- Readiness ------------------------------------------------------------------------------

/**
 * Whether the server can serve pages (GET /api/ready): "ready" (2xx), "unavailable" (503: draining
 * or its database out of reach; or no answer at all), "unknown" (any other refusal).
 */
export async function readiness(): Promise<"ready" | "unavailable" | "unknown"> {
  try {
    await request("/api/ready");
    return "ready";
  } catch (err) {
    return isUnavailable(err) ? "unavailable" : "unknown";
  }
}

// ---- Account -------------------------------------------------------------------------------

export type SignUpInput = {
  email: string;
  password: string;
  displayName: string;
  birthDate: string;
  gender: string;
  interestedIn: string[];
  city: string;
};

export const signUp = (input: SignUpInput) => request("/api/signup", { method: "POST", body: input });

// ---- Profile -------------------------------------------------------------------------------

/** The server checks the photo's real type and size. */
export const uploadPhoto = (file: File) => {
  const body = new FormData();
  body.set("photo", file);
  return request("/api/profile/photo", { method: "POST", body });
};

export const removePhoto = () => request("/api/profile/photo", { method: "DELETE" });

// ---- Do not disturb ------------------------------------------------------------------------

const doNotDisturbSchema = lazy(() => z.object({ active: z.boolean(), until: z.string().nullable(), indefinite: z.boolean() }));

export const setDoNotDisturb = (mode: DndMode, timeZone: string): Promise<DoNotDisturbStatus> =>
  request("/api/me/do-not-disturb", { method: "PUT", body: { mode, time_zone: timeZone }, schema: doNotDisturbSchema() });

// ---- Account -------------------------------------------------------------------------------

/** Where the member's data downloads from (a JSON attachment). */
export const ACCOUNT_EXPORT_URL = "/api/account/export";

/** Deletes the signed-in member's account; 403 for a wrong password. */
export const deleteAccount = (password: string) =>
  request("/api/account", { method: "DELETE", body: { password }, schema: z.object({ deleted: z.literal(true) }) });

// ---- Matches -------------------------------------------------------------------------------

const foundSchema = lazy(() =>
  z.object({
    // Our own API's MatchView; only its presence is checked.
    match: z.looseObject({ match_id: z.number() }).nullable(),
    message: z.string().optional(),
  }),
);

/** Asks the matching engine for someone new: the new match, or null and why. */
export async function findMatch(): Promise<{ match: MatchView | null; message?: string }> {
  const found = await request("/api/matches/find", { method: "POST", schema: foundSchema() });
  return { match: found.match as unknown as MatchView | null, message: found.message };
}

/**
 * "Report and leave" on the call page: reports and blocks in one request, with the last frame
 * the page showed of the other member (multipart: the JSON in "report", the JPEG in "snapshot").
 */
export function reportFromCall(matchId: number, r: { sessionId: string; snapshot: Blob; shown: SnapshotShownValue }) {
  const body = new FormData();
  body.set("report", JSON.stringify({ reason: "other", session_id: r.sessionId, also_block: true, one_tap: true, snapshot_shown: r.shown }));
  body.set("snapshot", r.snapshot, "snapshot.jpg");
  // Not the photo upload's two minutes: the member is leaving a call and waits on this.
  return request(`/api/matches/${matchId}/report`, { method: "POST", body, timeoutMs: 20_000, schema: z.object({ report_id: z.number(), blocked: z.boolean() }) });
}

// ---- Calls: starting one, the ones ringing for me, the ones I missed -----------------------

/** Starts (or answers, or rejoins) the call of a match. */
export const startCall = (matchId: number) =>
  request("/api/video/start-call", { method: "POST", body: { match_id: matchId }, schema: z.object({ session_id: z.uuid() }) });

export const INCOMING_CALLS_URL = "/api/video/pending-calls";

/** A call ringing for the signed-in member (the callee). */
export type { IncomingCall };

const incomingCallsAnswer = lazy(() => z.object({ pending_calls: z.array(incomingCallSchema()) }));

export const fetchIncomingCalls = async (): Promise<IncomingCall[]> => (await request(INCOMING_CALLS_URL, { schema: incomingCallsAnswer() })).pending_calls;

export const MISSED_CALLS_URL = "/api/me/missed-calls";

const missedCallSchema = lazy(() =>
  z.object({
    session_id: z.string(),
    match_id: z.number(),
    other_user_name: z.string(),
    other_user_photo_url: z.string().nullable(),
    at: z.string(),
  }),
);

export type MissedCall = z.infer<ReturnType<typeof missedCallSchema>>;

const missedCallsAnswer = lazy(() => z.object({ missed_calls: z.array(missedCallSchema()) }));

export const fetchMissedCalls = async (): Promise<MissedCall[]> => (await request(MISSED_CALLS_URL, { schema: missedCallsAnswer() })).missed_calls;

export const markMissedCallsSeen = (sessionIds: string[]) =>
  request(`${MISSED_CALLS_URL}/seen`, { method: "POST", body: { session_ids: sessionIds } });

// ---- Call sessions: the call page and the incoming-call card --------------------------------

const sessionUrl = (sessionId: string) => `/api/video/sessions/${encodeURIComponent(sessionId)}`;

export type JoinedSession = { session: SessionView; media: MediaConnection };

/** Answers the call for the callee; gives both sides the media connection. */
export const joinSession = (sessionId: string) => request<JoinedSession>(`${sessionUrl(sessionId)}/join`, { method: "POST" });

export const declineSession = (sessionId: string) => request(`${sessionUrl(sessionId)}/decline`, { method: "POST" });

/**
 * Also the page's check-in; `media` tells the server the other's media reaches us ("connected",
 * evidence the call connected) or reached us and stopped ("down": a first call gets that time back).
 */
export const fetchSession = (sessionId: string, opts: { media?: "connected" | "down" } = {}) =>
  request<{ session: SessionView; server_time: string }>(`${sessionUrl(sessionId)}${opts.media ? `?media=${opts.media}` : ""}`);

/** Blur until I reveal: the member's picture is sent clear from now on. */
export const revealSelf = (sessionId: string) => request<{ session: SessionView }>(`${sessionUrl(sessionId)}/reveal`, { method: "POST" });

export const cancelSession = (sessionId: string) => request<{ session: SessionView }>(`${sessionUrl(sessionId)}/cancel`, { method: "POST" });

export const endSession = (sessionId: string, reason: MemberEndReason, opts: { keepalive?: boolean } = {}) =>
  request<{ session: SessionView }>(`${sessionUrl(sessionId)}/end`, { method: "POST", body: { reason }, keepalive: opts.keepalive });

/** "Another one": the call's next icebreaker, for both members; `seenTurn` is the one on screen. */
export const anotherIcebreaker = (sessionId: string, seenTurn: number | null) =>
  request<{ session: SessionView }>(`${sessionUrl(sessionId)}/icebreaker`, { method: "POST", body: { seen_turn: seenTurn } });

// Direct-WebRTC signalling of one session.
export const fetchSignals = (sessionId: string, after: string) =>
  request<{ signals: SignalMessage[] }>(`${sessionUrl(sessionId)}/signals?after=${encodeURIComponent(after)}`);

export const sendSignal = (sessionId: string, signal: SignalInput, opts: { keepalive?: boolean } = {}) =>
  request<{ signal: { id: string } }>(`${sessionUrl(sessionId)}/signals`, { method: "POST", body: signal, keepalive: opts.keepalive });

// ---- Web Push call alerts ------------------------------------------------------------------

/** This server's VAPID public key; null when Web Push is off here. */
export const fetchPushPublicKey = async (): Promise<string | null> =>
  (await request("/api/push/public-key", { schema: z.object({ public_key: z.string().min(1).nullable() }) })).public_key;

export const savePushSubscription = (subscription: PushSubscriptionJSON) =>
  request("/api/push/subscriptions", { method: "POST", body: subscription });

export const deletePushSubscription = (endpoint: string) =>
  request("/api/push/subscriptions", { method: "DELETE", body: { endpoint } });
