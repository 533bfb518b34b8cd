// The cheap poll (lib/auth/signed-in-member-cache.ts, lib/calls/incoming-calls-cache.ts) on a real PostgreSQL with
// the real event listener: a poll with nothing new costs no database round trip, yet a ban cuts
// the member off and a ring reaches the callee as soon as the event is delivered, time rules are
// never answered from memory, and with the listener down every poll reads the database.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import incomingCalls from "@/pages/api/video/pending-calls";
import { asRouteHandler } from "@/test/node-route";
import { banMember } from "@/lib/admin/members";
import { joinCall } from "@/lib/calls/answer";
import { startCall } from "@/lib/calls/start-call";
import { callTiming, HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";
import { incomingCallsCache } from "@/lib/calls/incoming-calls-cache";
import { nextDeadline } from "@/lib/calls/time-rules";
import { setClock } from "@/lib/clock";
import { addStream, dispatch, removeStream, type MemberStream } from "@/lib/events/hub";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import { stopListener, whenListening } from "@/lib/events/listener";
import { createMember, createPair } from "@/test/factories";
import { call, oneBrowserEach } from "@/test/http";
import { delivered } from "@/test/events";
import { roundTrips } from "@/test/round-trips";
import { asSecondInstanceWithEvents } from "@/test/second-instance";

type Handler = Parameters<typeof call>[0];
const incomingCallsGET = asRouteHandler(incomingCalls);
const browser = oneBrowserEach();
const poll = async (as: { id: number }, handler: Handler = incomingCallsGET) => call(handler, "GET", { as, sessionId: await browser(as), path: "/api/video/pending-calls" });


let restoreClock: (() => void) | undefined;
afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
});

beforeAll(() => whenListening());
afterAll(() => stopListener());

describe("the cheap incoming-calls poll", () => {
  it("answers a repeated poll with nothing ringing without a database round trip", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const cold = await roundTrips(() => poll(sarah));
    expect(cold.result).toEqual({ status: 200, json: { pending_calls: [] } });
    expect(cold.count).toBeGreaterThanOrEqual(3); // proves the spy sees the queries
    const warm = await roundTrips(() => poll(sarah));
    expect(warm.result).toEqual({ status: 200, json: { pending_calls: [] } });
    expect(warm.count).toBe(0);
  });

  it("refuses a banned member's next poll once the ban's event is delivered", async () => {
    const admin = await createMember({ name: "Admin", role: "admin" });
    const john = await createMember({ name: "John", gender: "man" });
    expect((await poll(john)).status).toBe(200);
    expect((await roundTrips(() => poll(john))).count).toBe(0); // cached

    const signedOut = delivered("member.signed_out", john.id);
    await banMember(admin.id, john.id, { reason: "harassment" });
    await signedOut;
    expect(await poll(john)).toEqual({ status: 401, json: { error: expect.any(String) } });
  });

  it("refuses the banned member on a second instance with its own listener and caches", async () => {
    const admin = await createMember({ name: "Admin", role: "admin" });
    const john = await createMember({ name: "John", gender: "man" });
    // A fresh module graph with its own Prisma client, hub, LISTEN connection and caches.
    const b = await asSecondInstanceWithEvents(async () => ({ GET: asRouteHandler((await import("@/pages/api/video/pending-calls")).default) }));
    try {
      for (const handler of [incomingCallsGET, b.mod.GET]) {
        expect((await poll(john, handler)).status).toBe(200);
        expect((await roundTrips(() => poll(john, handler))).count).toBe(0);
      }
      const onA = delivered("member.signed_out", john.id);
      const onB = delivered("member.signed_out", john.id, b.onEvent);
      await banMember(admin.id, john.id, { reason: "harassment" });
      await Promise.all([onA, onB]);
      expect((await poll(john, b.mod.GET)).status).toBe(401);
      expect((await poll(john)).status).toBe(401);
    } finally {
      await b.close();
    }
  });

  it("shows a new ring on the callee's next poll once its event is delivered", async () => {
    const { sarah, john, match } = await createPair("matched");
    expect(await poll(john)).toEqual({ status: 200, json: { pending_calls: [] } });
    expect((await roundTrips(() => poll(john))).count).toBe(0);

    const ringing = delivered("call.ringing", john.id);
    const { session } = await startCall(sarah.id, match.id);
    await ringing;
    const res = await poll(john);
    expect(res.status).toBe(200);
    expect(res.json.pending_calls).toEqual([expect.objectContaining({ session_id: session.session_id, match_id: match.id, other_user_name: "Sarah" })]);
  });

  it("never serves a ringing call past its ring timeout from memory, and keeps seconds_ago current", async () => {
    let t = Date.now();
    restoreClock = setClock(() => new Date(t));
    const { ringTimeoutSeconds } = callTiming();
    const { sarah, john, match } = await createPair("matched");
    const ringing = delivered("call.ringing", john.id);
    const { session } = await startCall(sarah.id, match.id);
    await ringing;
    // Rung long ago, 5 s short of the timeout (well inside the cache's TTL): written directly, so
    // no event announces it and only the time rule can end the cached answer.
    const ringAge = ringTimeoutSeconds - 5;
    await prisma.callSession.update({ where: { id: session.session_id }, data: { createdAt: new Date(t - ringAge * 1000) } });
    expect((await poll(john)).json.pending_calls).toMatchObject([{ session_id: session.session_id, seconds_ago: ringAge }]);

    t += 3_000;
    const cached = await roundTrips(() => poll(john));
    expect(cached.count).toBe(0);
    expect(cached.result.json.pending_calls).toMatchObject([{ session_id: session.session_id, seconds_ago: ringAge + 3 }]);

    t += 2_000; // at the ring timeout: no event says so
    const expired = await roundTrips(() => poll(john));
    expect(expired.count).toBeGreaterThan(0);
    expect(expired.result).toEqual({ status: 200, json: { pending_calls: [] } });
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: session.session_id } })).status).toBe("missed");
  });

  it("stops serving from memory when an active call of the member's is due to end (cap or vanished member)", async () => {
    let t = Date.now();
    restoreClock = setClock(() => new Date(t));
    const { sarah, john, match } = await createPair("pending"); // a first call: capped
    const ringing = delivered("call.ringing", john.id);
    const { session } = await startCall(sarah.id, match.id);
    await ringing;
    t += 2_000;
    const answered = delivered("call.stopped_ringing", sarah.id);
    await joinCall(john.id, session.session_id);
    await answered;
    expect(await poll(sarah)).toEqual({ status: 200, json: { pending_calls: [] } });
    // Sarah last checked in when she rang (2 s before the answer): the call is stale at that +30 s,
    // before its cap. Nobody checks in here, so that is when the poll must look again.
    t += (HEARTBEAT_TIMEOUT_SECONDS - 2) * 1000 - 1;
    expect((await roundTrips(() => poll(sarah))).count).toBe(0);
    t += 1;
    const due = await roundTrips(() => poll(sarah));
    expect(due.count).toBeGreaterThan(0);
    expect(await prisma.callSession.findUniqueOrThrow({ where: { id: session.session_id } })).toMatchObject({ status: "completed", endReason: "left" });
  });

  it("drops a member's cached answer before any stream hears the event", async () => {
    const { sarah, john, match } = await createPair("matched");
    await poll(john);
    expect(incomingCallsCache.peek(john.id)).toEqual([]);

    const heard: { event: string; cached: unknown }[] = [];
    const stream: MemberStream = {
      userId: john.id,
      address: "203.0.113.9",
      openedAt: Date.now(),
      send(name) {
        heard.push({ event: name, cached: incomingCallsCache.peek(john.id) });
      },
      close() {},
    };
    addStream(stream);
    try {
      const ringing = delivered("call.ringing", john.id);
      await startCall(sarah.id, match.id);
      await ringing;
    } finally {
      removeStream(stream);
    }
    expect(heard).toEqual([{ event: "call.ringing", cached: undefined }]);
  });

  it("does not keep an answer read before an event that arrived while it was being read", async () => {
    const cache = memberAnswerCache<string>({ ttlMs: 30_000 });
    let finishRead: (v: string) => void = () => {};
    const raced = cache.read(7, () => new Promise((resolve) => (finishRead = (value) => resolve({ value }))));
    dispatch({ type: "call.ringing", userIds: [7], sessionId: "5f0c9a52-4d7e-4c8a-9a57-1b2c3d4e5f60", matchId: 1 });
    finishRead("before the ring");
    expect(await raced).toBe("before the ring"); // answered, but not kept
    expect(cache.peek(7)).toBeUndefined();
    expect(await cache.read(7, async () => ({ value: "after" }))).toBe("after");
    expect(cache.peek(7)).toBe("after");
  });

  it("reads the database on every poll while the listener is down, and forgets what it missed", async () => {
    const admin = await createMember({ name: "Admin", role: "admin" });
    const john = await createMember({ name: "John", gender: "man" });
    await poll(john);
    expect((await roundTrips(() => poll(john))).count).toBe(0);

    await stopListener();
    for (let i = 0; i < 2; i++) {
      const down = await roundTrips(() => poll(john));
      expect(down.result.status).toBe(200);
      expect(down.count).toBeGreaterThanOrEqual(3);
    }
    // Banned while nobody listened: the event is lost, the cache must not answer for it.
    await banMember(admin.id, john.id, { reason: "harassment" });
    await whenListening();
    expect((await poll(john)).status).toBe(401);
  });
});

describe("nextDeadline", () => {
  const at = (s: number) => new Date(1_700_000_000_000 + s * 1000);
  const ms = (d: Date) => d.getTime();
  const idle = { answeredAt: null, capSeconds: null, callerSeenAt: null, calleeSeenAt: null };

  it("is never for a member without live sessions", () => {
    expect(nextDeadline([])).toBe(Infinity);
  });

  it("is the ring timeout of a ringing call", () => {
    expect(nextDeadline([{ ...idle, status: "ringing", createdAt: at(0) }])).toBe(ms(at(callTiming().ringTimeoutSeconds)));
  });

  it("is the earlier of an active call's cap and its staleness, and the earliest over all sessions", () => {
    const active = { status: "active", createdAt: at(0), answeredAt: at(5), capSeconds: 60, callerSeenAt: at(30), calleeSeenAt: at(20) };
    expect(nextDeadline([active])).toBe(ms(at(20 + HEARTBEAT_TIMEOUT_SECONDS)));
    expect(nextDeadline([{ ...active, callerSeenAt: at(60), calleeSeenAt: at(61) }])).toBe(ms(at(65)));
    // A member who never checked in counts from the answer; a repeat call has no cap.
    expect(nextDeadline([{ ...active, capSeconds: null, calleeSeenAt: null }])).toBe(ms(at(5 + HEARTBEAT_TIMEOUT_SECONDS)));
    expect(nextDeadline([{ ...active, capSeconds: null, calleeSeenAt: null }, { ...idle, status: "ringing", createdAt: at(-40) }])).toBe(
      ms(at(-40 + callTiming().ringTimeoutSeconds)),
    );
  });
});
