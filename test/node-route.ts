// Runs a Pages Router API route (pages/api/*: a handler of Node's own request and response) on
// a real local HTTP server, and offers it with a route handler's signature — a web Request in,
// a web Response out — so tests drive it as they drive the App Router's routes. The response is
// the server's real one, streamed as it is written; aborting the request's signal drops the
// connection, as a closed tab does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseCookie } from "cookie";

type NodeHandler = (req: any, res: any) => unknown;

const servers = new Map<NodeHandler, Promise<string>>();

/** The base URL of the local server running `handler` (started on first use). */
export function serve(handler: NodeHandler): Promise<string> {
  let base = servers.get(handler);
  if (!base) {
    base = new Promise<string>((resolve, reject) => {
      // A 1 MB header limit (Node's default is 16 KB): the tests reach our handler with the huge
      // query strings the fuzz sends, as the App Router's routes are reached in-process. In
      // production Node's own limit answers 431 before any route runs, ours or Next's.
      const server: Server = createServer({ maxHeaderSize: 1 << 20 }, (req: IncomingMessage, res: ServerResponse) => {
        // Next.js parses a Pages Router request's cookies into req.cookies; a bare Node server does not.
        void handler(Object.assign(req, { cookies: parseCookie(req.headers.cookie ?? "") }), res);
      });
      server.on("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.unref(); // never what keeps a test process alive
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      });
    });
    servers.set(handler, base);
  }
  return base;
}

/** `handler` as `(request) => Promise<Response>`, over a real socket. */
export function asRouteHandler(handler: NodeHandler) {
  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const base = await serve(handler);
    const body = req.body ? await req.arrayBuffer() : undefined;
    return fetch(`${base}${url.pathname}${url.search}`, { method: req.method, headers: req.headers, body, signal: req.signal, redirect: "manual" });
  };
}
