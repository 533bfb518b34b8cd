import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse, jsonAnswerHeaders } from "@/lib/http/responder";
import { nodeRequestHead, refuseCrossSiteRequest } from "@/lib/http/csrf";
import { refuseUnstorableText } from "@/lib/validation";
import { isDraining } from "@/lib/server/shutdown";

// The one responder (lib/http/responder.ts) for the few routes that run as Pages Router API routes
// on Node's own request and response (pages/api/*): the same statuses, `{ error }` bodies, CSRF
// rules, NUL rule and draining rule as route(). They live there on purpose, each for a measured
// reason (docs/architecture.md, "The pages/ exception"): the event stream (an open stream holds a
// socket and a closure, not an App Router pipeline), and the hot paths of the call — the
// notification poll, the call page's check-in, start-call, join and hang-up — where the App
// Router's per-request pipeline was about a fifth of a request's server CPU and most of its tail
// under load.

type NodeRequest = IncomingMessage & { cookies?: Partial<Record<string, string>> };
type Method = "GET" | "HEAD" | "POST";

/**
 * `handler` behind the responder. Whatever it returns is sent as JSON (200); `undefined` means it
 * has answered on `res` itself (the event stream). Errors become `{ error }` as in route(). An
 * unsafe method passes the CSRF rules (lib/http/csrf.ts, their defaults: same origin, JSON) before
 * the handler runs, as in route(); the handler reads its body with jsonBody() (lib/http/body.ts), which caps it.
 * Pages that read a body set `export const config = { api: { bodyParser: false } }`, so that
 * Next.js leaves the body unread for it.
 */
export function nodeRoute<Req extends NodeRequest, Res extends ServerResponse>(
  handler: (req: Req, res: Res) => Promise<unknown>,
  { methods, wrongMethod }: { methods: readonly Method[]; wrongMethod: string },
) {
  return async (req: Req, res: Res): Promise<void> => {
    try {
      if (!methods.includes(req.method as Method)) {
        res.setHeader("allow", methods.join(", ")); // kept by sendNodeError's writeHead, which merges headers
        throw new HttpError(405, wrongMethod);
      }
      refuseCrossSiteRequest(nodeRequestHead(req));
      const query = req.url?.indexOf("?") ?? -1; // most polls have none: no parsing then
      if (query >= 0) for (const [name, value] of new URLSearchParams(req.url!.slice(query + 1))) refuseUnstorableText({ [name]: value });
      const result = await handler(req, res);
      if (result === undefined) return;
      const body = JSON.stringify(result);
      closeIfDraining(res);
      res.writeHead(200, { ...jsonAnswerHeaders(body), "content-length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      // A body refused half-read (413) is left unread: the connection closes with the answer.
      if (err instanceof HttpError && err.status === 413) res.setHeader("connection", "close");
      await sendNodeError(res, err, req);
    }
  };
}

/**
 * As in route(): while this instance drains, every answer closes its connection — checked as the
 * answer goes out, not as the request came in: a request held on a lock when SIGTERM came (the
 * graceful-shutdown journey) otherwise left its keep-alive connection open, and `next start` waited
 * on it instead of exiting.
 */
function closeIfDraining(res: ServerResponse) {
  if (isDraining() && !res.headersSent) res.setHeader("connection", "close");
}

/** Answers `err` as `errorResponse` would, unless the response has already begun. */
export async function sendNodeError(res: ServerResponse, err: unknown, req: IncomingMessage): Promise<void> {
  const answer = errorResponse(err, { method: req.method ?? "GET", nextUrl: { pathname: (req.url ?? "/").split("?")[0]! } });
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = await answer.text();
  closeIfDraining(res);
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(body);
}
