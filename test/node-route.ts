// Runs a Pages Router API route (pages/api/*: a handler of Node's own request and response) on
// a real local HTTP server, and offers it with a route handler's signature — a web Request in,
// a web Response out — so tests drive it as they drive the App Router's routes. The response is
// the server's real one, streamed as it is written; aborting the request's signal drops the
// connection, as a closed tab does. A dynamic route's params (`{ params }`, as a route handler
// gets them) reach the handler in `req.query` with the query string's, as Next.js puts them there.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseCookie } from "cookie";

type NodeHandler = (req: any, res: any) => unknown;

const servers = new Map<NodeHandler, Promise<string>>();

/** Carry a route's params, and the Host the test addressed, from the test to the local server, which takes them off again. */
const PARAMS_HEADER = "x-test-route-params";
const HOST_HEADER = "x-test-host";

function queryOf(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(url, "http://localhost").searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** The base URL of the local server running `handler` (started on first use). */
export function serve(handler: NodeHandler): Promise<string> {
  let base = servers.get(handler);
  if (!base) {
    base = new Promise<string>((resolve, reject) => {
      // A 1 MB header limit (Node's default is 16 KB): the tests reach our handler with the huge
      // query strings the fuzz sends, as the App Router's routes are reached in-process. In
      // production Node's own limit answers 431 before any route runs, ours or Next's.
      const server: Server = createServer({ maxHeaderSize: 1 << 20 }, (req: IncomingMessage, res: ServerResponse) => {
        // Next.js parses a Pages Router request's cookies into req.cookies and its query string and
        // dynamic segments into req.query (a repeated name becomes an array); a bare Node server does not.
        const params = JSON.parse(decodeURIComponent(String(req.headers[PARAMS_HEADER] ?? "{}"))) as Record<string, string>;
        delete req.headers[PARAMS_HEADER];
        // The Host the test's request was addressed to (http://localhost/…, as the App Router's
        // routes see it), not this server's own address: the CSRF rules compare Origin with it.
        const host = req.headers[HOST_HEADER];
        if (typeof host === "string") req.headers.host = host;
        delete req.headers[HOST_HEADER];
        void handler(Object.assign(req, { cookies: parseCookie(req.headers.cookie ?? ""), query: { ...queryOf(req.url ?? "/"), ...params } }), res);
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
  return async (req: Request, ctx?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const url = new URL(req.url);
    const base = await serve(handler);
    const headers = new Headers(req.headers);
    headers.set(HOST_HEADER, url.host);
    const params = ctx?.params ? await ctx.params : {};
    // Encoded: the fuzz sends params no header may carry as they are (emoji, lone surrogates, NUL).
    if (Object.keys(params).length) headers.set(PARAMS_HEADER, encodeURIComponent(JSON.stringify(params)));
    // The body streamed as the test sends it (chunked, for the body-cap tests), not buffered first.
    const init = { method: req.method, headers, body: req.body ?? undefined, duplex: "half", signal: req.signal, redirect: "manual" } as RequestInit;
    return fetch(`${base}${url.pathname}${url.search}`, init);
  };
}
