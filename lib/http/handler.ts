import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z, ZodError, type ZodType } from "zod";
import { HttpError, badRequest, forbidden } from "@/lib/http/errors";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, logDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isDraining } from "@/lib/server/shutdown";

export const MAX_JSON_BYTES = 16 * 1024;

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response | unknown>;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RouteOptions {
  /** Media types an unsafe-method request may carry (default: application/json only). */
  accepts?: readonly string[];
  /**
   * "allowed" drops the same-origin rule, for an endpoint that a cookie does not authenticate
   * (the LiveKit webhook is signed): a forged cross-site request has nothing to ride on there.
   */
  crossSite?: "allowed";
}

/**
 * The one responder for route handlers: a returned value becomes JSON; an HttpError becomes
 * `{ error }` with its status; zod errors become 400; a database that is down, unreachable or
 * too slow becomes 503 with Retry-After (lib/db/unavailable.ts); anything else is a logged 500.
 *
 * Before the handler runs, for every route: unsafe methods (POST/PUT/PATCH/DELETE) must come
 * from our own origin and carry an accepted Content-Type — whether or not the route reads a
 * body — which together stop cross-site form posts and no-preflight `fetch`es (CSRF); and no
 * query parameter or path parameter may contain a NUL character.
 */
export function route<P = Record<string, never>>(handler: Handler<P>, options: RouteOptions = {}) {
  const accepts = options.accepts ?? ["application/json"];
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => closeWhileDraining(await respond(req, ctx));
  async function respond(req: NextRequest, ctx: RouteContext<P>): Promise<Response> {
    try {
      if (UNSAFE_METHODS.has(req.method)) {
        if (options.crossSite !== "allowed") requireSameOrigin(req);
        requireContentType(req, accepts);
      }
      for (const [name, value] of req.nextUrl.searchParams) refuseUnstorableText({ [name]: value });
      const params = (await ctx?.params) ?? ({} as P);
      refuseUnstorableText(params);
      const result = await handler(req, { params: Promise.resolve(params) });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, req);
    }
  }
}

/**
 * While this instance drains (SIGTERM), every answer closes its connection. `next start` stops
 * accepting connections but keeps serving keep-alive connections that were busy at the signal,
 * and an open tab polls often enough to keep one busy for ever: the process never exited (seen
 * in e2e/app-restart.spec.ts). Closed, the browser's next request opens a new connection, which
 * goes to another instance (or waits for this one's successor).
 */
function closeWhileDraining(res: Response): Response {
  if (!isDraining()) return res;
  try {
    res.headers.set("connection", "close");
  } catch {
    // Immutable headers (a Response.redirect): that one keeps its connection.
  }
  return res;
}

const CROSS_SITE = "This request came from another site and was refused.";

/**
 * CSRF, part one. Browsers say where a request comes from: `Sec-Fetch-Site` (all current
 * ones) must be `same-origin` or `none` (typed or bookmarked); without it, `Origin`, when sent,
 * must be ours. A request with neither is not a browser's cross-site request (curl, our tests).
 * "Ours" is NEXTAUTH_URL's origin — required in production, so a reverse proxy's Host rewriting
 * cannot matter there; in development and tests without it, the request's own origin (Host).
 */
export function requireSameOrigin(req: NextRequest) {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site !== "same-origin" && site !== "none") throw forbidden(CROSS_SITE);
    return;
  }
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== appOrigin(req)) throw forbidden(CROSS_SITE);
}

function appOrigin(req: NextRequest): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}

/**
 * CSRF, part two: the media type itself (parameters such as charset allowed), never a substring
 * match — `text/plain; application/json` is text/plain, which a browser sends cross-site without
 * a preflight. A missing Content-Type is refused too, also where the route reads no body.
 */
function requireContentType(req: Request, accepts: readonly string[]) {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!accepts.includes(type)) throw badRequest(`Send the request with Content-Type: ${accepts.join(" or ")}.`);
}

export function errorResponse(err: unknown, req?: { method: string; nextUrl: { pathname: string } }): Response {
  if (err instanceof HttpError) {
    return NextResponse.json({ error: err.message, ...(err.code ? { code: err.code } : {}) }, { status: err.status });
  }
  if (err instanceof ZodError) {
    return NextResponse.json({ error: describeZodError(err) }, { status: 400 });
  }
  if (isDatabaseUnavailable(err)) {
    // An outage, not a bug: logged without the stack, once per request, for the operator.
    logDatabaseUnavailable(err, { method: req?.method, path: req?.nextUrl.pathname });
    return NextResponse.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
  }
  log.error({ err, method: req?.method, path: req?.nextUrl.pathname }, "unhandled error in route handler");
  return NextResponse.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}

export function describeZodError(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return "Invalid input.";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

const tooLarge = () => new HttpError(413, "Request body is too large.");

/**
 * The raw body, read as a stream and abandoned as soon as it passes `maxBytes` (413) — whatever
 * Content-Length says, or without one (chunked) — so nobody can make us buffer a huge body.
 */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Reads and validates a JSON body: size-capped, malformed JSON, NULs and unknown fields refused. */
export async function jsonBody<T>(req: Request, schema: ZodType<T>, { maxBytes = MAX_JSON_BYTES } = {}): Promise<T> {
  requireContentType(req, ["application/json"]);
  const bytes = await readBodyCapped(req, maxBytes);
  let data: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    data = text.length ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, "Malformed JSON body.");
  }
  return parse(schema, data);
}

/** Validates input with a zod schema (400 with the first problem); NUL characters never pass. */
export function parse<T>(schema: ZodType<T>, data: unknown): T {
  refuseUnstorableText(data);
  const result = schema.safeParse(data);
  if (!result.success) throw new HttpError(400, describeZodError(result.error));
  return result.data;
}

const NUL = "\u0000";
export const NUL_MESSAGE = "must not contain NUL characters (\\u0000).";
export const LONE_SURROGATE_MESSAGE = "must be valid Unicode text (no lone surrogate halves).";
// With the `u` flag, a surrogate pair is one code point: this matches only an unpaired half.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text the database cannot take, refused at the edge instead of failing deep in a query as a
 * 500: U+0000 (PostgreSQL refuses it in text and jsonb) and lone UTF-16 surrogate halves (valid
 * in a JSON string escape, but Prisma's query engine rejects the request). Every string value
 * and key, at any depth (walked without recursion, so deeply nested JSON cannot overflow the
 * stack).
 */
export function refuseUnstorableText(data: unknown) {
  const bad = unstorableText(data);
  if (bad !== null) throw badRequest(bad.path ? `${bad.path}: ${bad.message}` : `Input ${bad.message}`);
}

function problemWith(text: string): string | null {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_MESSAGE;
  return null;
}

function unstorableText(data: unknown): { path: string; message: string } | null {
  const stack: [unknown, string][] = [[data, ""]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      const message = problemWith(value);
      if (message) return { path, message };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const message = problemWith(key);
        const shown = key.replaceAll(NUL, "\\u0000").replace(/\p{Cs}/gu, "\uFFFD");
        if (message) return { path: path ? `${path}.${shown}` : shown, message };
        stack.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

/** Server actions taking FormData: the name of the first field carrying a NUL character, or null. */
export function fieldWithNul(form: FormData): string | null {
  for (const [name, value] of form) {
    if (name.includes(NUL) || (typeof value === "string" && value.includes(NUL))) return name.replaceAll(NUL, "");
  }
  return null;
}

const MAX_INT = 2_147_483_647;

/** A database id in a JSON body: a positive whole number (never a string). */
export const idValue = z
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .positive("must be positive")
  .max(MAX_INT, "is too large");

/** A database id in a URL: plain digits only ("1e3", " 1" and "-1" are not ids). */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a positive whole number")
  .transform(Number)
  .refine((n) => n <= MAX_INT, "is too large");

export const uuidParam = z.string().uuid("must be a session UUID");
