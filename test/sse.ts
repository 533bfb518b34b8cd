// Opens the real /api/events handler (on a real socket: test/node-route.ts) with a real session
// cookie and reads its server-sent events as they arrive (test/http.ts reads whole bodies, which
// a stream never ends).
import events from "@/pages/api/events";
import { sessionCookie } from "@/test/http";
import { asRouteHandler } from "@/test/node-route";

const GET = asRouteHandler(events);

export interface SseMessage {
  event: string;
  data: any;
}

export interface OpenStream {
  status: number;
  headers: Headers;
  /** The JSON body of a refused request. */
  json?: unknown;
  /** Every message received so far, in order. */
  messages: SseMessage[];
  /** Resolves with the first message (already received or still to come) that matches. */
  next(match: string | ((m: SseMessage) => boolean), timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server has ended the stream. */
  ended: Promise<void>;
  /** The client goes away (request.signal aborts). */
  disconnect(): void;
}

export async function openEventStream(as: { id: number } | null, extraHeaders: Record<string, string> = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: "text/event-stream", ...extraHeaders };
  if (as) headers.cookie = await sessionCookie(as);
  const res = await GET(new Request("http://localhost/api/events", { headers, signal: abort.signal }));
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  let ended: Promise<void> = Promise.resolve();
  let json: unknown;
  if (res.headers.get("content-type")?.startsWith("text/event-stream") && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) messages.push({ event, data: JSON.parse(data) });
          for (const wake of waiters) wake();
        }
      }
      for (const wake of waiters) wake();
    })();
  } else {
    json = await res.json();
  }
  let finished = false;
  void ended.then(() => (finished = true));

  function next(match: string | ((m: SseMessage) => boolean), timeoutMs = 5000): Promise<SseMessage> {
    const test = typeof match === "string" ? (m: SseMessage) => m.event === match : match;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = messages.find(test);
        if (found) return done(() => resolve(found));
        if (finished) return done(() => reject(new Error(`stream ended without ${String(match)}; got ${JSON.stringify(messages)}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${String(match)} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`))),
        timeoutMs,
      );
      const done = (fn: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        fn();
      };
      waiters.add(check);
      void ended.then(check);
      check();
    });
  }

  return { status: res.status, headers: res.headers, json, messages, next, ended, disconnect: () => abort.abort() };
}
