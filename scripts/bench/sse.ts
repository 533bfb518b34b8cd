// A server-sent-events client for the bench: many streams in one process, each a fetch whose body
// is read as it arrives and cut into messages (`event:` / `data:` lines, a blank line ends one).
import { cookieFor } from "./client";

export interface SseMessage {
  event: string;
  data: unknown;
  /** performance.now() when the message's last byte arrived. */
  at: number;
}

/** Feeds text chunks, returns the complete messages they finish (pure; unit-tested). */
export function sseParser() {
  let buffer = "";
  return (chunk: string): { event: string; data: string }[] => {
    buffer += chunk.replace(/\r\n?/g, "\n");
    const out: { event: string; data: string }[] = [];
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (data.length) out.push({ event, data: data.join("\n") });
    }
    return out;
  };
}

/** The session a ring event announces, or null for any other message. */
export function ringingSessionId(m: { event: string; data: unknown }): string | null {
  const d = m.data as { type?: unknown; sessionId?: unknown; session_id?: unknown } | null;
  const isRing = m.event === "call.ringing" || d?.type === "call.ringing";
  const id = d?.sessionId ?? d?.session_id;
  return isRing && typeof id === "string" ? id : null;
}

export class StreamMissing extends Error {}

export interface EventStream {
  userId: number;
  /** Resolves with the arrival time of the ring for `sessionId` (already arrived or to come). */
  ringAt(sessionId: string, timeoutMs: number): Promise<number>;
  messages: number;
  closed: boolean;
  close(): void;
}

/** Opens GET /api/events as a member; throws StreamMissing on 404 (the route isn't there yet). */
export async function openEventStream(base: string, userId: number): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie: await cookieFor(userId), accept: "text/event-stream" }, signal: abort.signal });
  if (res.status === 404) {
    await res.body?.cancel();
    throw new StreamMissing("GET /api/events answered 404");
  }
  const type = res.headers.get("content-type") ?? "";
  if (res.status !== 200 || !type.startsWith("text/event-stream") || !res.body) {
    const body = await res.text().catch(() => "");
    throw new Error(`GET /api/events as ${userId}: ${res.status} ${type} ${body.slice(0, 200)}`);
  }
  const rings = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const parse = sseParser();
  const stream: EventStream = {
    userId,
    messages: 0,
    closed: false,
    ringAt(sessionId, timeoutMs) {
      const at = rings.get(sessionId);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(sessionId);
          reject(new Error(`no call.ringing for ${sessionId} on member ${userId}'s stream within ${timeoutMs} ms${stream.closed ? " (stream closed)" : ""}`));
        }, timeoutMs);
        waiters.set(sessionId, (t) => {
          clearTimeout(timer);
          resolve(t);
        });
      });
    },
    close() {
      stream.closed = true;
      abort.abort();
    },
  };
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        for (const raw of parse(value)) {
          stream.messages++;
          let data: unknown = raw.data;
          try {
            data = JSON.parse(raw.data);
          } catch {
            // Not JSON: kept as text.
          }
          const id = ringingSessionId({ event: raw.event, data });
          if (!id) continue;
          rings.set(id, at);
          waiters.get(id)?.(at);
          waiters.delete(id);
        }
      }
    } catch {
      // Aborted by close(), or the server went away.
    } finally {
      stream.closed = true;
    }
  })();
  return stream;
}

/** Opens one stream per member, `parallel` handshakes at a time. */
export async function openEventStreams(bases: string[], userIds: number[], parallel = 50): Promise<EventStream[]> {
  const out: EventStream[] = new Array(userIds.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, userIds.length) }, async () => {
      while (i < userIds.length) {
        const k = i++;
        out[k] = await openEventStream(bases[k % bases.length], userIds[k]);
      }
    }),
  );
  return out;
}
