import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse, jsonAnswerHeaders } from "@/lib/http/responder";
import { refuseUnstorableText } from "@/lib/validation";
import { isDraining } from "@/lib/server/shutdown";

// The one responder (lib/http/responder.ts) for the few routes that run as Pages Router API routes
// on Node's own request and response (pages/api/*): the same statuses, `{ error }` bodies, NUL
// rule and draining rule as route(). Three routes live there on purpose, each for a measured reason
// (docs/architecture.md, "The pages/ exception"): the event stream (an open stream holds a socket and a closure,
// not an App Router pipeline), the notification poll and the call page's check-in (the hot paths:
// the App Router's pipeline costs about twice the Pages Router's per request, which decides their
// throughput and tail).
//
// Only safe methods (GET/HEAD) are served here: the CSRF rules (lib/http/csrf.ts) run in route(), and a route that
// a form or another site could make a browser send belongs there. (The check-in's GET records
// presence and media evidence for the member's own call; a cross-site GET can't read the answer,
// and its writes are the ones a member's own page makes every 1.5 s.)

type NodeRequest = IncomingMessage & { cookies?: Partial<Record<string, string>> };
type SafeMethod = "GET" | "HEAD";

/**
 * `handler` behind the responder. Whatever it returns is sent as JSON (200); `undefined` means it
 * has answered on `res` itself (the event stream). Errors become `{ error }` as in route().
 */
export function nodeRoute<Req extends NodeRequest, Res extends ServerResponse>(
  handler: (req: Req, res: Res) => Promise<unknown>,
  { methods, wrongMethod }: { methods: readonly SafeMethod[]; wrongMethod: string },
) {
  return async (req: Req, res: Res): Promise<void> => {
    // As in route(): while this instance drains, every answer closes its connection.
    if (isDraining()) res.setHeader("connection", "close");
    try {
      if (!methods.includes(req.method as SafeMethod)) {
        res.setHeader("allow", methods.join(", ")); // kept by sendNodeError's writeHead, which merges headers
        throw new HttpError(405, wrongMethod);
      }
      const query = req.url?.indexOf("?") ?? -1; // most polls have none: no parsing then
      if (query >= 0) for (const [name, value] of new URLSearchParams(req.url!.slice(query + 1))) refuseUnstorableText({ [name]: value });
      const result = await handler(req, res);
      if (result === undefined) return;
      const body = JSON.stringify(result);
      res.writeHead(200, { ...jsonAnswerHeaders(body), "content-length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      await sendNodeError(res, err, req);
    }
  };
}

/** Answers `err` as `errorResponse` would, unless the response has already begun. */
export async function sendNodeError(res: ServerResponse, err: unknown, req: IncomingMessage): Promise<void> {
  const answer = errorResponse(err, { method: req.method ?? "GET", nextUrl: { pathname: (req.url ?? "/").split("?")[0]! } });
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = await answer.text();
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(body);
}
