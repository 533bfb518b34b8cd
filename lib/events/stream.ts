import "server-only";
import { addStream, removeStream, type MemberStream } from "@/lib/events/hub";
import { listenerHealth, startListener } from "@/lib/events/listener";
import { RETRY_MS, type ClosedReason } from "@/lib/events/types";

/** A reader this far behind (messages queued, unread) is gone or hopeless: close its stream. */
const MAX_QUEUED_MESSAGES = 200;

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: compressing proxies would otherwise buffer the stream.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx: pass each message through at once instead of buffering the response.
  "X-Accel-Buffering": "no",
} as const;

/**
 * The server-sent-events body for one member's tab: a `retry:` hint, `ready`, then that member's
 * events and heartbeats until the client goes away (`signal` aborts or the body is cancelled),
 * the member is banned, a newer tab replaces it, or the server shuts down. Leaves the hub in
 * every one of those cases.
 */
export function memberEventStream(userId: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  startListener();
  const encoder = new TextEncoder();
  let finish: () => void = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const write = (text: string) => {
        if (done) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_MESSAGES) return finish();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      finish = () => {
        if (done) return;
        done = true;
        removeStream(stream);
        signal.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the runtime.
        }
      };
      const stream: MemberStream = {
        userId,
        openedAt: Date.now(),
        send(name, data) {
          write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        close(reason: ClosedReason) {
          stream.send("closed", { reason });
          finish();
        },
      };
      write(`retry: ${RETRY_MS}\n\n`);
      if (signal.aborted) return finish();
      signal.addEventListener("abort", finish, { once: true });
      addStream(stream);
      stream.send("ready", { listening: listenerHealth().connected });
    },
    cancel() {
      finish();
    },
  });
}
