import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorResponse } from "@/lib/http/handler";

// The error half of the one responder (lib/http/handler.ts) for the one handler that writes to
// Node's response itself (pages/api/events.ts): the same statuses and `{ error }` bodies.

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
