// Calls our real route handlers in-process with a real session cookie (a next-auth JWT signed
// with the app's secret), so tests exercise the same auth, validation and SQL as production.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { randomBytes } from "node:crypto";
import { sessionSecret } from "@/lib/auth/secret";
import { prisma } from "@/lib/db";

type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

export interface CallOptions {
  as?: { id: number; role?: "member" | "admin" } | null;
  /** The sign-in session `as` calls with (default: a new one, as a fresh sign-in). */
  sessionId?: string;
  body?: unknown;
  /** A raw body string, sent as is (for malformed JSON tests). */
  rawBody?: string;
  params?: Record<string, string>;
  /** A streamed body, sent without a content-length (chunked), as is. */
  stream?: ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  /**
   * The Content-Type. By default application/json on every unsafe method (as our browser code
   * sends it, body or not); null sends none.
   */
  contentType?: string | null;
  path?: string;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A sign-in session for the member, as signing in records one (lib/auth/sign-in-sessions.ts). */
export async function signInSession(userId: number, userAgent: string | null = null): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  try {
    // Signing in refuses a deleted account: for one, the token names no stored session, as the
    // old cookie of theirs (its session ended with the deletion) does.
    const deleted = await prisma.user.findUnique({ where: { id: userId }, select: { deletedAt: true } });
    if (!deleted?.deletedAt) await prisma.signInSession.create({ data: { id, userId, userAgent } });
  } catch (err) {
    // A member that doesn't exist (the fuzz's ghost): a token naming an unknown session, as a
    // deleted account's old cookie would.
    if ((err as { code?: string }).code !== "P2003") throw err;
  }
  return id;
}

/** A session cookie as next-auth sets it at sign-in: a new sign-in session unless `sessionId` names one. */
export async function sessionCookie(user: { id: number; role?: "member" | "admin" }, sessionId?: string): Promise<string> {
  const sid = sessionId ?? (await signInSession(user.id));
  const token = await encode({
    token: { uid: user.id, role: user.role ?? "member", sub: String(user.id), sid },
    secret: sessionSecret(),
  });
  return `next-auth.session-token=${token}`;
}

export async function call(handler: Handler, method: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers.cookie = await sessionCookie(opts.as, opts.sessionId);
  let body: string | ReadableStream<Uint8Array> | undefined;
  if (opts.stream !== undefined) body = opts.stream;
  else if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  const contentType = opts.contentType === undefined ? (body !== undefined || UNSAFE_METHODS.has(method) ? "application/json" : null) : opts.contentType;
  if (contentType !== null && !headers["content-type"]) headers["content-type"] = contentType;
  // `duplex: "half"` is what undici requires to send a stream body; not in the DOM typings.
  const init = { method, headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1];
  const req = new NextRequest(`http://localhost${opts.path ?? "/api/test"}`, init);
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/**
 * One browser per member: the same sign-in session on every call, as a tab polling with its
 * cookie (tests that count a warm request's database round trips).
 */
export function oneBrowserEach(): (as: { id: number }) => Promise<string> {
  const sessions = new Map<number, Promise<string>>();
  return (as) => {
    if (!sessions.has(as.id)) sessions.set(as.id, signInSession(as.id));
    return sessions.get(as.id)!;
  };
}
