// The framework seams server actions need outside a Next.js request, for `vi.mock` in the test
// files that call actions (the fuzz, the admin authorization test). Everything behind
// them — our code, the database, next-auth's JWT decoding — is real.
import { actionSession } from "@/test/action-session";

/**
 * next-auth's getServerSession reads the cookie from next/headers inside a request. Here it gets
 * the signed cookie of `actionSession.as`, decoded by the real next-auth code and secret.
 */
export async function mockNextAuth(importOriginal: () => Promise<typeof import("next-auth")>) {
  const real = await importOriginal();
  const { sessionCookie } = await import("@/test/http");
  return {
    ...real,
    getServerSession: async (options: import("next-auth").AuthOptions) => {
      const cookie = actionSession.as ? await sessionCookie(actionSession.as) : "";
      const [name, value] = cookie.split(/=(.*)/s);
      const req = { headers: { cookie }, cookies: cookie ? { [name]: value } : {} };
      const res = { getHeader() {}, setCookie() {}, setHeader() {} };
      return real.getServerSession(req as never, res as never, options);
    },
  };
}

/** `refresh()` re-renders the page after an action, and throws outside one: nothing to refresh here. */
export async function mockNextCache(importOriginal: () => Promise<typeof import("next/cache")>) {
  return { ...(await importOriginal()), refresh: () => {} };
}

/** The address a fuzzed action's request came from, as `next start` would write it. */
export const ACTION_CLIENT_ADDRESS = "203.0.113.80";

/**
 * `headers()` exists only inside a request: here it answers what `next start` would give an
 * action posted from ACTION_CLIENT_ADDRESS (instrumentation pins X-Forwarded-For to the socket).
 */
export async function mockNextHeaders(importOriginal: () => Promise<typeof import("next/headers")>) {
  const real = await importOriginal();
  return { ...real, headers: async () => new Headers({ "x-forwarded-for": ACTION_CLIENT_ADDRESS, "user-agent": "fuzz" }) };
}
