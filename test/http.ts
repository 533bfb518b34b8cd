// Calls our real route handlers in-process with a real session cookie (a next-auth JWT signed
// with the app's secret), so tests exercise the same auth, validation and SQL as production.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { sessionSecret } from "@/lib/auth/secret";

type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

export interface CallOptions {
  as?: { id: number; role?: "member" | "admin" } | null;
  body?: unknown;
  /** A raw body string, sent as is (for malformed JSON tests). */
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  path?: string;
}

export async function sessionCookie(user: { id: number; role?: "member" | "admin" }): Promise<string> {
  const token = await encode({
    token: { uid: user.id, role: user.role ?? "member", sub: String(user.id) },
    secret: sessionSecret(),
  });
  return `next-auth.session-token=${token}`;
}

export async function call(handler: Handler, method: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers.cookie = await sessionCookie(opts.as);
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const req = new NextRequest(`http://localhost${opts.path ?? "/api/test"}`, { method, headers, body });
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
