// The bench's client side of the API: signed session cookies and JSON requests.
import { createHash } from "node:crypto";
import { encode } from "next-auth/jwt";

export const SECRET = "meetcute-bench-secret-0123456789abcdef";

const cookies = new Map<number, string>();

/** The sign-in session seed.ts recorded for member `id` (the same derivation in SQL). */
export const benchSessionId = (id: number) => createHash("sha256").update(`bench-session-${id}`).digest("base64url");

/** A real next-auth session cookie for a member, as the sign-in would set it. */
export async function cookieFor(id: number): Promise<string> {
  let c = cookies.get(id);
  if (!c) {
    c = `next-auth.session-token=${await encode({ token: { uid: id, role: "member", sub: String(id), sid: benchSessionId(id) }, secret: SECRET })}`;
    cookies.set(id, c);
  }
  return c;
}

export async function cookiesFor(ids: number[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) out.push(await cookieFor(id));
  return out;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: ${status} ${body.slice(0, 200)}`);
  }
}

/** One API call as member `as`; throws ApiError on anything but 2xx. */
export async function api<T>(base: string, as: number, method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
  // Every POST is JSON, even without a body: the server's CSRF rule refuses anything else.
  const payload = method === "POST" ? JSON.stringify(body ?? {}) : undefined;
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { cookie: await cookieFor(as), ...(payload === undefined ? {} : { "content-type": "application/json" }) },
    body: payload,
  });
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, text, `${method} ${route} as ${as}`);
  return JSON.parse(text) as T;
}

export const startCall = (base: string, caller: number, matchId: number) =>
  api<{ session_id: string; status: string; existing: boolean }>(base, caller, "POST", "/api/video/start-call", { match_id: matchId });
export const cancelCall = (base: string, caller: number, sessionId: string) => api(base, caller, "POST", `/api/video/sessions/${sessionId}/cancel`, {});
