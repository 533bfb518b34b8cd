import "server-only";
import type { NextRequest } from "next/server";
import { ZodError } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { refuseCrossSiteRequest, webRequestHead, type CsrfOptions } from "@/lib/http/csrf";
import { closeWhileDraining } from "@/lib/http/close-while-draining";
import { describeZodError, refuseUnstorableText } from "@/lib/validation";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, logDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { log } from "@/lib/log";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response | unknown>;
export type RouteOptions = CsrfOptions;

/**
 * The one responder for route handlers: a returned value becomes JSON; errors become
 * errorResponse(). Before the handler runs, for every route: the CSRF rules (lib/http/csrf.ts),
 * and no query or path parameter may carry text the database cannot store.
 */
export function route<P = Record<string, never>>(handler: Handler<P>, options: RouteOptions = {}) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => closeWhileDraining(await respond(req, ctx));
  async function respond(req: NextRequest, ctx: RouteContext<P>): Promise<Response> {
    try {
      refuseCrossSiteRequest(webRequestHead(req), options);
      for (const [name, value] of req.nextUrl.searchParams) refuseUnstorableText({ [name]: value });
      const params = (await ctx?.params) ?? ({} as P);
      refuseUnstorableText(params);
      const result = await handler(req, { params: Promise.resolve(params) });
      if (result instanceof Response) return result;
      return jsonAnswer(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, req);
    }
  }
}

/**
 * An HttpError becomes `{ error, code? }` with its status; zod errors become 400; a database that
 * is down, unreachable or too slow becomes 503 with Retry-After (lib/db/unavailable.ts); anything
 * else is a logged 500.
 */
export function errorResponse(err: unknown, req?: { method: string; nextUrl: { pathname: string } }): Response {
  if (err instanceof HttpError) {
    return jsonAnswer({ error: err.message, ...(err.code ? { code: err.code } : {}) }, { status: err.status });
  }
  if (err instanceof ZodError) {
    return jsonAnswer({ error: describeZodError(err) }, { status: 400 });
  }
  if (isDatabaseUnavailable(err)) {
    // An outage, not a bug: logged without the stack, once per request, for the operator.
    logDatabaseUnavailable(err, { method: req?.method, path: req?.nextUrl.pathname });
    return jsonAnswer({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
  }
  log.error({ err, method: req?.method, path: req?.nextUrl.pathname }, "unhandled error in route handler");
  return jsonAnswer({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}

/** Below this many bytes an answer is not worth compressing: `next start`'s own threshold (1 KiB). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer. `no-store`: a member's answer is for no cache to keep. `no-transform` on a small
 * one: Next.js sends a route handler's body without its length, so `next start`'s gzip cannot
 * apply its size threshold and compressed every answer, a few hundred bytes included — 4.6 % of
 * a call step's server CPU in the lifecycle bench's profile, to save a few dozen bytes on the
 * wire. no-transform is the one signal it (and a proxy) honours to leave an answer as it is.
 */
function jsonAnswer(value: unknown, init: ResponseInit = {}): Response {
  const body = JSON.stringify(value);
  const headers = new Headers(init.headers);
  for (const [name, v] of Object.entries(jsonAnswerHeaders(body))) headers.set(name, v);
  return new Response(body, { ...init, headers });
}

/** The headers of a JSON answer `body`, for route() and for the Pages Router routes alike. */
export function jsonAnswerHeaders(body: string): Record<string, string> {
  return { "content-type": "application/json", "cache-control": Buffer.byteLength(body) < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store" };
}
