// Signing in as a browser does, through next-auth's own endpoints (as e2e/support/auth.ts does),
// and the JSON API calls the script makes as a member.

/** The `name=value` pairs of a response's Set-Cookie headers. */
function cookiePairs(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in with email and password; returns the Cookie header a signed-in browser sends. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiePairs(res).find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session) throw new Error(`signing in as ${email} set no session cookie (${res.status})`);
  return session;
}

/** One JSON API call with a member's cookie; throws on anything but 2xx. */
export async function api<T>(base: string, cookie: string, method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
  const payload = method === "POST" ? JSON.stringify(body ?? {}) : undefined;
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { cookie, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
    body: payload,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export async function firstMatchId(base: string, cookie: string): Promise<number> {
  const { matches } = await api<{ matches: { match_id: number }[] }>(base, cookie, "GET", "/api/matches");
  if (!matches.length) throw new Error("the demo member has no match");
  return matches[0]!.match_id;
}

/** Starts a call on the match; returns the ringing session's id. */
export async function ring(base: string, caller: string, matchId: number): Promise<string> {
  const s = await api<{ session_id: string; status: string }>(base, caller, "POST", "/api/video/start-call", { match_id: matchId });
  if (s.status !== "ringing") throw new Error(`start-call answered a session that is ${s.status}, not ringing`);
  return s.session_id;
}

/** Ends the call whatever became of it: cancelled while it rings, ended once answered. */
export async function hangUp(base: string, caller: string, sessionId: string) {
  try {
    await api(base, caller, "POST", `/api/video/sessions/${sessionId}/cancel`);
  } catch {
    await api(base, caller, "POST", `/api/video/sessions/${sessionId}/end`, { reason: "hangup" }).catch(() => {});
  }
}
