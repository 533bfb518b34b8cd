import "server-only";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * With no reverse proxy in front (TRUSTED_PROXY_HOPS=0) every X-Forwarded-For a request arrives
 * with was written by the client, yet `next start` keeps it: Next.js fills the header from the
 * socket only when it is missing (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in
 * next/dist/server/base-server.js), and route handlers never see the socket. So a client chose
 * the address its rate limits were keyed on. This replaces the header with the socket peer's
 * address before Next.js reads the request, through Node's `http.server.request.start`
 * diagnostics channel, which every Node HTTP server in the process publishes for each request
 * before its 'request' event. Behind proxies (hops > 0) the header is theirs and left alone.
 * Called from instrumentation.ts, whose register() Next.js awaits before serving. Returns the undo.
 */
export function pinClientAddressToSocket(hops: number): () => void {
  if (hops > 0) return () => {};
  const onRequestStart = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const peer = socket.remoteAddress;
    if (peer) request.headers["x-forwarded-for"] = peer;
    else delete request.headers["x-forwarded-for"]; // a socket already closed: "unknown"
  };
  subscribe("http.server.request.start", onRequestStart);
  return () => unsubscribe("http.server.request.start", onRequestStart);
}
