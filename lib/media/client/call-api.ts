import type { SessionView } from "@/lib/calls/lifecycle";
import type { SignalInput, SignalMessage } from "@/lib/media/signalling";
import type { MediaConnection } from "@/lib/media/types";

// The call page's requests to our JSON API (types only come from the server modules).

export class CallApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never reached the server. */
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "CallApiError";
  }
}

type RequestOptions = { method?: "GET" | "POST"; body?: unknown; keepalive?: boolean };

async function request<T>(url: string, { method = "GET", body, keepalive }: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    const unsafe = method !== "GET";
    res = await fetch(url, {
      method,
      cache: "no-store",
      keepalive,
      // Every unsafe request says application/json, body or not: the server's CSRF rule.
      headers: { accept: "application/json", ...(unsafe ? { "content-type": "application/json" } : {}) },
      body: unsafe ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new CallApiError(0, "Couldn't reach Meetcute. Check your connection.");
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json ?? {}) as { error?: unknown; code?: unknown };
    throw new CallApiError(
      res.status,
      typeof err.error === "string" ? err.error : `Request failed (${res.status}).`,
      typeof err.code === "string" ? err.code : undefined,
    );
  }
  return json as T;
}

const sessionUrl = (sessionId: string) => `/api/video/sessions/${encodeURIComponent(sessionId)}`;

type Joined = { session: SessionView; media: MediaConnection };

export const joinSession = (sessionId: string) => request<Joined>(`${sessionUrl(sessionId)}/join`, { method: "POST" });

/** Also the page's check-in; `mediaPlaying` tells the server the other's media reached us (evidence the call connected). */
export const fetchSession = (sessionId: string, opts: { mediaPlaying?: boolean } = {}) =>
  request<{ session: SessionView; server_time: string }>(`${sessionUrl(sessionId)}${opts.mediaPlaying ? "?media=connected" : ""}`);

export const cancelSession = (sessionId: string) =>
  request<{ session: SessionView }>(`${sessionUrl(sessionId)}/cancel`, { method: "POST" });

/** `keepalive` lets the request outlive the page (pagehide). */
export const endSession = (sessionId: string, reason: "hangup" | "media_failed", opts: { keepalive?: boolean } = {}) =>
  request<{ session: SessionView }>(`${sessionUrl(sessionId)}/end`, { method: "POST", body: { reason }, keepalive: opts.keepalive });

export const fetchSignals = (sessionId: string, after: string) =>
  request<{ signals: SignalMessage[] }>(`${sessionUrl(sessionId)}/signals?after=${encodeURIComponent(after)}`);

export const sendSignal = (sessionId: string, signal: SignalInput, opts: { keepalive?: boolean } = {}) =>
  request<{ signal: { id: string } }>(`${sessionUrl(sessionId)}/signals`, { method: "POST", body: signal, keepalive: opts.keepalive });
