// Session cookies are Secure exactly when the site is https. authOptions says so explicitly
// (next-auth's own default agrees) rather than leaving it to next-auth's request-time detection;
// production refuses to start without an https NEXTAUTH_URL (lib/env.ts). Below the flag, a real
// sign-in through next-auth's own route handler (app/api/auth/[...nextauth]/route.ts, run by
// Next's AppRouteRouteModule in-process: test/next-route.ts) on the real database shows the
// Set-Cookie a browser gets. The journeys (e2e/security.spec.ts) see the http://localhost one.
import "next/dist/server/node-environment-baseline";
import { decode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { createMember } from "@/test/factories";
import { nextRoute } from "@/test/next-route";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function optionsWith(nextAuthUrl: string | undefined) {
  vi.stubEnv("NEXTAUTH_URL", nextAuthUrl);
  vi.resetModules();
  return (await import("@/lib/auth/options")).authOptions;
}

describe("session cookies", () => {
  it("are Secure when NEXTAUTH_URL is https", async () => {
    expect((await optionsWith("https://meetcute.example")).useSecureCookies).toBe(true);
  });

  it.each([["http://localhost:3000"], [undefined]])("are not Secure for %s (development, the journeys)", async (url) => {
    expect((await optionsWith(url)).useSecureCookies).toBe(false);
  });
});

const PASSWORD = "correct horse battery";

/** One attribute-parsed Set-Cookie: its name, and its attributes lower-cased (`secure: true`, `samesite: "Lax"`). */
function parseSetCookie(header: string) {
  const [pair, ...attributes] = header.split(/;\s*/);
  const name = pair!.slice(0, pair!.indexOf("="));
  const attrs = Object.fromEntries(attributes.map((a) => {
    const [k, v] = a.split("=");
    return [k!.toLowerCase(), v ?? true];
  }));
  return { name, value: pair!.slice(name.length + 1), attrs };
}

/**
 * A browser's sign-in, as the sign-in form makes it: GET /api/auth/csrf, then POST the
 * credentials with that token and cookie. Returns the Set-Cookie headers of the second answer.
 */
async function signIn(origin: string, env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules(); // authOptions and lib/env read NEXTAUTH_URL at load
  const handle = nextRoute("/api/auth/[...nextauth]/route", () => import("@/app/api/auth/[...nextauth]/route"));

  const member = await createMember({ name: "Cookie" });
  await prisma.user.update({ where: { id: member.id }, data: { passwordHash: await hashPassword(PASSWORD) } });

  const csrf = await handle(new NextRequest(`${origin}/api/auth/csrf`), { nextauth: ["csrf"] });
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map(parseSetCookie).find((c) => c.name.endsWith("next-auth.csrf-token"))!;

  const res = await handle(
    new NextRequest(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie.name}=${csrfCookie.value}`, origin },
      body: new URLSearchParams({ csrfToken, email: member.email, password: PASSWORD, json: "true" }).toString(),
    }),
    { nextauth: ["callback", "credentials"] },
  );
  expect(res.status).toBe(200);
  // Signed in: next-auth answers the page to go to, not the sign-in page with an error.
  expect(await res.json()).toEqual({ url: origin });
  return { member, csrfCookie, cookies: res.headers.getSetCookie().map(parseSetCookie) };
}

describe("the Set-Cookie of a real sign-in through next-auth's route handler", () => {
  it("on an https site (production): the session cookie is __Secure-, Secure, HttpOnly, SameSite=Lax", async () => {
    const secret = "a-production-secret-of-32-characters";
    const { member, csrfCookie, cookies } = await signIn("https://meetcute.example", {
      NODE_ENV: "production",
      NEXTAUTH_URL: "https://meetcute.example",
      NEXTAUTH_SECRET: secret,
      SMTP_URL: "smtp://127.0.0.1:2525",
    });
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    // The member's session, sealed with the production secret.
    expect(await decode({ token: session?.value, secret })).toMatchObject({ uid: member.id, role: "member" });
    expect(session?.attrs).toMatchObject({ secure: true, httponly: true, samesite: "Lax", path: "/" });
    // The CSRF cookie is __Host- (Secure, no Domain, Path=/) too.
    expect(csrfCookie.name).toBe("__Host-next-auth.csrf-token");
    expect(csrfCookie.attrs).toMatchObject({ secure: true, httponly: true, samesite: "Lax", path: "/" });
  });

  it("on http://localhost in development: the same cookie, unprefixed and not Secure (a browser would drop it)", async () => {
    const { cookies } = await signIn("http://localhost:3000", { NEXTAUTH_URL: "http://localhost:3000", NODE_ENV: "development" });
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.name).toBe("next-auth.session-token");
    expect(session?.attrs).toMatchObject({ httponly: true, samesite: "Lax", path: "/" });
    expect(session?.attrs).not.toHaveProperty("secure");
  });
});
