// Signing out ends the session on the server: a copy of the cookie taken before sign-out is
// refused afterwards (it used to answer 200 for 30 days). The sign-in and sign-out go through
// next-auth's own route handler (test/next-route.ts) on the real database, with the real event
// listener, so the cached answer is dropped by the event like on every instance.
import "next/dist/server/node-environment-baseline";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { stopListener, whenListening } from "@/lib/events/listener";
import pendingCalls from "@/pages/api/video/pending-calls";
import * as matchesRoute from "@/app/api/matches/route";
import { delivered } from "@/test/events";
import { createMember } from "@/test/factories";
import { nextRoute } from "@/test/next-route";
import { asRouteHandler } from "@/test/node-route";
import { roundTrips } from "@/test/round-trips";
import { asSecondInstanceWithEvents } from "@/test/second-instance";

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const auth = nextRoute("/api/auth/[...nextauth]/route", () => import("@/app/api/auth/[...nextauth]/route"));
const pendingGET = asRouteHandler(pendingCalls);

beforeAll(() => whenListening());
afterAll(() => stopListener());

const cookiePair = (setCookie: string[], suffix: string) => {
  const c = setCookie.find((h) => h.split("=")[0]!.endsWith(suffix))!;
  return c.split(";")[0]!;
};

/** A real sign-in as a browser makes it; returns the session cookie ("name=value") and the CSRF cookie. */
async function signIn(email: string, userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36") {
  const csrf = await auth(new NextRequest(`${ORIGIN}/api/auth/csrf`), { nextauth: ["csrf"] });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiePair(csrf.headers.getSetCookie(), "next-auth.csrf-token");
  const res = await auth(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: ORIGIN, "user-agent": userAgent },
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }).toString(),
    }),
    { nextauth: ["callback", "credentials"] },
  );
  expect(res.status).toBe(200);
  return { session: cookiePair(res.headers.getSetCookie(), "next-auth.session-token"), csrfCookie, csrfToken };
}

async function signOut({ session, csrfCookie, csrfToken }: Awaited<ReturnType<typeof signIn>>) {
  const res = await auth(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie}; ${session}`, origin: ORIGIN },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    }),
    { nextauth: ["signout"] },
  );
  expect(res.status).toBe(200);
}

const getMatches = (cookie: string) => matchesRoute.GET(new NextRequest(`${ORIGIN}/api/matches`, { headers: { cookie } }), { params: Promise.resolve({}) });
const poll = (cookie: string, handler = pendingGET) => handler(new NextRequest(`${ORIGIN}/api/video/pending-calls`, { headers: { cookie } }));

async function member() {
  const m = await createMember({ name: "Robin" });
  await prisma.user.update({ where: { id: m.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return m;
}

describe("signing out", () => {
  it("records the sign-in as a session with the browser's user agent", async () => {
    const robin = await member();
    await signIn(robin.email);
    const sessions = await prisma.signInSession.findMany({ where: { userId: robin.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ revokedAt: null, userAgent: expect.stringContaining("Chrome/126") });
    expect(sessions[0]!.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("ends the session: the old cookie answers 401 afterwards (the probe: GET /api/matches)", async () => {
    const robin = await member();
    const browser = await signIn(robin.email);
    expect((await getMatches(browser.session)).status).toBe(200);
    // Warm: the poll is answered from memory.
    expect((await poll(browser.session)).status).toBe(200);
    expect((await roundTrips(() => poll(browser.session))).count).toBe(0);

    const announced = delivered("member.signed_out", robin.id);
    await signOut(browser);
    await announced;
    const refused = await getMatches(browser.session);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: expect.any(String) });
    expect((await poll(browser.session)).status).toBe(401);
    expect(await prisma.signInSession.count({ where: { userId: robin.id, revokedAt: { not: null } } })).toBe(1);
  });

  it("ends only that browser's session; another stays signed in", async () => {
    const robin = await member();
    const laptop = await signIn(robin.email);
    const phone = await signIn(robin.email, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1");
    await signOut(laptop);
    expect((await getMatches(laptop.session)).status).toBe(401);
    expect((await getMatches(phone.session)).status).toBe(200);
  });

  it("is refused on a second instance too, once the event reaches it", async () => {
    const robin = await member();
    const browser = await signIn(robin.email);
    const second = await asSecondInstanceWithEvents(async () => ({ GET: asRouteHandler((await import("@/pages/api/video/pending-calls")).default) }));
    try {
      const secondPoll = second.mod.GET;
      expect((await poll(browser.session, secondPoll)).status).toBe(200);
      expect((await roundTrips(() => poll(browser.session, secondPoll))).count).toBe(0); // cached there
      const reached = delivered("member.signed_out", robin.id, second.onEvent);
      await signOut(browser);
      await reached;
      expect((await poll(browser.session, secondPoll)).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it("refuses a token from before sessions were recorded (no session id) and one naming another member's session", async () => {
    const robin = await member();
    const sam = await member();
    const { encode } = await import("next-auth/jwt");
    const { authSecret } = await import("@/lib/env");
    const samSession = await prisma.signInSession.create({ data: { id: "s".repeat(43), userId: sam.id } });
    for (const token of [{ uid: robin.id, role: "member" as const }, { uid: robin.id, role: "member" as const, sid: samSession.id }]) {
      const cookie = `next-auth.session-token=${await encode({ token: { ...token, sub: String(robin.id) }, secret: authSecret() })}`;
      expect((await getMatches(cookie)).status).toBe(401);
    }
  });
});
