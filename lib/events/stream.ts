import "server-only";
import type { ServerResponse } from "node:http";
import { addStream, removeStream, type MemberStream } from "@/lib/events/hub";
import { listenerHealth, startListener } from "@/lib/events/listener";
import { RETRY_MS, type ClosedReason } from "@/lib/events/types";

/**
 * A reader this far behind (bytes written but not yet taken by the socket) is gone or hopeless:
 * close its stream rather than queue for it without end. A ring is ~150 bytes.
 */
export const MAX_QUEUED_BYTES = 64 * 1024;

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: compressing proxies (and Next's own compression) would otherwise buffer it.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx: pass each message through at once instead of buffering the response.
  "X-Accel-Buffering": "no",
} as const;

/**
 * Serves one member's tab its server-sent events on Node's own response: a `retry:` hint,
 * `ready`, then that member's events and heartbeats until the client goes away (the socket
 * closes), the member is banned, a newer tab replaces it, or the server shuts down. Leaves the
 * hub in every one of those cases.
 *
 * Written to the raw `ServerResponse`, not returned as a web `ReadableStream` from an App Router
 * route handler: there, each open stream kept ~90 KB of Next's per-request machinery alive for
 * its whole life (see docs/architecture.md, "The pages/ exception"); here a stream is this closure and its socket.
 */
export function serveMemberStream(userId: number, address: string, res: ServerResponse, sessionId?: string): void {
  startListener();
  let done = false;
  const write = (text: string) => {
    if (done) return;
    if (res.writableLength > MAX_QUEUED_BYTES) return finish();
    res.write(text);
  };
  const finish = () => {
    if (done) return;
    done = true;
    removeStream(stream);
    res.off("close", finish);
    res.end();
  };
  const stream: MemberStream = {
    userId,
    address,
    sessionId,
    openedAt: Date.now(),
    send(name, data) {
      write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close(reason: ClosedReason) {
      stream.send("closed", { reason });
      finish();
    },
  };
  res.writeHead(200, STREAM_HEADERS);
  write(`retry: ${RETRY_MS}\n\n`);
  // The response closes when its connection does (the tab went away) as well as when we end it.
  if (res.destroyed) return finish();
  res.once("close", finish);
  addStream(stream);
  stream.send("ready", { listening: listenerHealth().connected });
}
