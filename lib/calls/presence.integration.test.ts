// Presence without a database write per check-in (issue 22, item 2): a steady in-call check-in
// writes nothing to the session (only the instance's own aliveAt, every few seconds, whoever it
// holds); a change — connecting, media up, media down — writes once; the vanish rule still ends
// a call exactly 30 s after a member's last check-in, at that check-in, with the member's
// check-ins on another instance than the call's writes, and across a restart of either.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { stopListener, whenListening } from "@/lib/events/listener";
import { setClock } from "@/lib/clock";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { INSTANCE_HEARTBEAT_SECONDS } from "@/lib/calls/time-rules";
import { HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";
import { api, routes } from "@/test/api";
import { call, oneBrowserEach } from "@/test/http";
import { createPair } from "@/test/factories";
import { roundTrips, tablesWritten } from "@/test/round-trips";
import { asSecondInstance } from "@/test/second-instance";

// The member caches a check-in signs in from are on only while the event listener is.
beforeAll(() => whenListening());
afterAll(() => stopListener());

let t = 0;
const restores: (() => void)[] = [];
const fake = () => new Date(t);
beforeEach(() => {
  t = Date.now();
  restores.push(setClock(fake));
});
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

// Each member's page is one browser (one sign-in session), as in life: the test helper otherwise
// signs in anew for every request, which is a write of its own.
const browser = oneBrowserEach();
const checkIn = async (as: { id: number }, id: string, query = "") =>
  call(routes.sessionRoute.GET, "GET", { as, sessionId: await browser(as), params: { session_id: id }, path: `/api/video/sessions/${id}${query}` });

/** Another app instance (own module graph, pool, presence memory and clock module), on the same clock. */
async function instance() {
  const b = await asSecondInstance(async () => ({
    checkIn: await import("@/lib/calls/check-in"),
    expiry: await import("@/lib/calls/expiry"),
    presence: await import("@/lib/calls/presence"),
    answer: await import("@/lib/calls/answer"),
    start: await import("@/lib/calls/start-call"),
    clock: await import("@/lib/clock"),
  }));
  restores.push(b.mod.clock.setClock(fake));
  return { ...b.mod, close: b.close };
}

/** `n` check-ins 1.5 s apart: Sarah's on this instance, John's on `b` (whose timer then settles). */
async function johnOn(b: Awaited<ReturnType<typeof instance>>, { sarah, john, id }: { sarah: { id: number }; john: { id: number }; id: string }, n: number) {
  for (let i = 0; i < n; i++) {
    t += 1_500;
    await checkIn(sarah, id, "?media=connected");
    await b.checkIn.sessionFor(john.id, id, { mediaPlaying: true });
    await b.presence.settlePresence();
  }
}

const row = (id: string) => prisma.callSession.findUniqueOrThrow({ where: { id } });

async function answeredCall(kind: "pending" | "matched" = "pending") {
  const { sarah, john, match } = await createPair(kind);
  const id: string = (await api.startCall(sarah, match.id)).json.session_id;
  t += 2_000;
  expect((await api.join(john, id)).json.session.status).toBe("active");
  return { sarah, john, match, id };
}

describe("a steady check-in writes nothing", () => {
  it("after the first check-in, 1.5 s check-ins that report the same state write nothing to the session and make one round trip", async () => {
    const { sarah, john, id } = await answeredCall();
    // Connecting and the first media report: written.
    for (const who of [sarah, john]) {
      const first = await roundTrips(() => checkIn(who, id, "?media=connected"));
      expect(first.result.status).toBe(200);
      expect(tablesWritten(first.writes)).toContain("CallSession");
    }
    let sessionWrites = 0;
    let instanceWrites = 0;
    const perCheckIn: number[] = [];
    for (let i = 0; i < 20; i++) {
      t += 1_500;
      for (const who of [sarah, john]) {
        const { result, count, writes } = await roundTrips(() => checkIn(who, id, "?media=connected"));
        expect(result.status).toBe(200);
        expect(result.json.session.status).toBe("active");
        const tables = tablesWritten(writes);
        sessionWrites += tables.filter((w) => w !== "AppInstance").length;
        instanceWrites += tables.filter((w) => w === "AppInstance").length;
        if (!tables.length) perCheckIn.push(count);
      }
    }
    // 40 check-ins over 30 s: no write to the session or the rate limit, and the instance's own
    // aliveAt about every 5 s (one row for the whole instance, however many members it holds).
    expect(sessionWrites).toBe(0);
    expect(instanceWrites).toBeLessThanOrEqual(7);
    expect(new Set(perCheckIn)).toEqual(new Set([1]));
    expect((await row(id)).status).toBe("active");
  });

  it("a change writes once: media down, then up again; the same word again writes nothing", async () => {
    const { sarah, john, id } = await answeredCall();
    await checkIn(sarah, id, "?media=connected");
    await checkIn(john, id, "?media=connected");
    const writesOf = async (query: string) => {
      t += 1_500;
      const { result, writes } = await roundTrips(() => checkIn(sarah, id, query));
      expect(result.status).toBe(200);
      return tablesWritten(writes).filter((w) => w !== "AppInstance");
    };
    expect(await writesOf("?media=down")).toEqual(["CallSession"]);
    expect((await row(id)).callerMediaDown).toBe(true);
    expect(await writesOf("?media=down")).toEqual([]);
    expect(await writesOf("?media=connected")).toEqual(["CallSession"]);
    expect(await row(id)).toMatchObject({ callerMediaDown: false, mediaDownSince: null, mediaDownMs: 3_000 });
    expect(await writesOf("?media=connected")).toEqual([]);
    // A page without a report (the media not yet up) writes nothing either.
    expect(await writesOf("")).toEqual([]);
  });

  it("the check-in that passes 20 s after the answer is written when no media was reported (presence as evidence)", async () => {
    const { sarah, john, id } = await answeredCall();
    const answeredAt = (await row(id)).answeredAt!.getTime();
    for (let i = 0; i < 14; i++) {
      t += 1_500;
      for (const who of [sarah, john]) await checkIn(who, id);
    }
    // 21 s after the answer: both members' stored check-ins are past the 20 s line, as before.
    const r = await row(id);
    expect(r.callerSeenAt!.getTime() - answeredAt).toBeGreaterThanOrEqual(20_000);
    expect(r.calleeSeenAt!.getTime() - answeredAt).toBeGreaterThanOrEqual(20_000);
    expect((await api.end(sarah, id, { reason: "media_failed" })).json.session.status).toBe("completed");
  });
});

describe("the vanish rule with presence held in memory", () => {
  it("ends the call 30 s after the last check-in, at it, though the row held only the first", async () => {
    const { sarah, john, id } = await answeredCall("matched");
    for (let i = 0; i < 20; i++) {
      t += 1_500;
      for (const who of [sarah, john]) await checkIn(who, id, "?media=connected");
    }
    const johnLast = t;
    expect((await row(id)).calleeSeenAt!.getTime()).toBeLessThan(johnLast);
    // John's page is gone; Sarah's keeps checking in every 1.5 s.
    while (t + 1_500 < johnLast + HEARTBEAT_TIMEOUT_SECONDS * 1000) {
      t += 1_500;
      expect((await checkIn(sarah, id, "?media=connected")).json.session.status).toBe("active");
    }
    t = johnLast + HEARTBEAT_TIMEOUT_SECONDS * 1000 - 1;
    await sweepExpiredSessions();
    expect((await row(id)).status).toBe("active");
    t += 1;
    expect((await checkIn(sarah, id, "?media=connected")).json.session.status).toBe("completed");
    expect(await row(id)).toMatchObject({ status: "completed", endReason: "left", endedAt: new Date(johnLast), endedById: john.id });
  });

  it("holds across instances: John's check-ins on B, Sarah's, the call's writes and the sweeps on A", async () => {
    const b = await instance();
    try {
      const { sarah, john, id } = await answeredCall("matched");
      const steps = 40;
      for (let i = 0; i < steps; i++) {
        t += 1_500;
        await checkIn(sarah, id, "?media=connected");
        expect((await b.checkIn.sessionFor(john.id, id, { mediaPlaying: true })).status).toBe("active");
        await b.presence.settlePresence(); // B's own timer
        if (i % 4 === 0) await sweepExpiredSessions();
      }
      expect((await row(id)).calleeSeenBy).toBe(b.presence.thisInstanceId());
      const johnLast = t;
      // John leaves. B's timer releases him with his last check-in; A's sweeps end the call at it.
      while (t + 1_000 < johnLast + HEARTBEAT_TIMEOUT_SECONDS * 1000) {
        t += 1_000;
        await b.presence.settlePresence();
        await checkIn(sarah, id, "?media=connected");
        await sweepExpiredSessions();
        expect((await row(id)).status).toBe("active");
      }
      expect((await row(id)).calleeSeenBy).toBeNull();
      t = johnLast + HEARTBEAT_TIMEOUT_SECONDS * 1000;
      await sweepExpiredSessions();
      expect(await row(id)).toMatchObject({ status: "completed", endReason: "left", endedAt: new Date(johnLast) });
    } finally {
      await b.close();
    }
  });

  it("holds across a restart of the instance with John's check-ins: the next instance takes over and the call goes on", async () => {
    const b = await instance();
    let bClosed = false;
    try {
      const { sarah, john, id } = await answeredCall("matched");
      await johnOn(b, { sarah, john, id }, 10);
      expect((await row(id)).calleeSeenBy).toBe(b.presence.thisInstanceId());
      // B crashes: no release, its aliveAt stops. John's page goes on checking in, now on B2.
      await b.close();
      bClosed = true;
      const b2 = await instance();
      try {
        for (let i = 0; i < 60; i++) {
          t += 1_500;
          await checkIn(sarah, id, "?media=connected");
          expect((await b2.checkIn.sessionFor(john.id, id, { mediaPlaying: true })).status).toBe("active");
          await b2.presence.settlePresence();
          await sweepExpiredSessions();
        }
        // B2 took John over once B looked dead, long before the call could have ended.
        expect((await row(id)).calleeSeenBy).toBe(b2.presence.thisInstanceId());
        expect((await row(id)).status).toBe("active");
      } finally {
        await b2.close();
      }
    } finally {
      if (!bClosed) await b.close();
    }
  });

  it("a graceful stop of the instance holding John gives him back at once, even if it answers one more check-in while it drains", async () => {
    const b = await instance();
    let bClosed = false;
    try {
      const { sarah, john, id } = await answeredCall("matched");
      await johnOn(b, { sarah, john, id }, 10);
      const bId = b.presence.thisInstanceId();
      expect((await row(id)).calleeSeenBy).toBe(bId);
      // SIGTERM: B's drain stops vouching and releases John; its presence row goes.
      await b.presence.stopVouching();
      expect(await row(id)).toMatchObject({ calleeSeenBy: null, calleeSeenAt: new Date(t) });
      expect(await prisma.appInstance.findUnique({ where: { id: bId } })).toBeNull();
      // A check-in still reaching B on an open keep-alive connection is written as it comes,
      // vouched by nobody (before the fix it named B again, and B2 then waited ~15 s for B's
      // aliveAt to go stale before taking John over).
      t += 1_500;
      expect((await b.checkIn.sessionFor(john.id, id, { mediaPlaying: true })).status).toBe("active");
      expect(await row(id)).toMatchObject({ calleeSeenBy: null, calleeSeenAt: new Date(t) });
      await b.close();
      bClosed = true;
      // The restarted instance vouches for John at his very next check-in.
      const b2 = await instance();
      try {
        t += 1_500;
        expect((await b2.checkIn.sessionFor(john.id, id, { mediaPlaying: true })).status).toBe("active");
        expect(await row(id)).toMatchObject({ calleeSeenBy: b2.presence.thisInstanceId(), calleeSeenAt: new Date(t) });
      } finally {
        await b2.close();
      }
    } finally {
      if (!bClosed) await b.close();
    }
  });

  it("a crash of the instance holding a member who left with it ends the call no sooner than 30 s after their last check-in", async () => {
    const b = await instance();
    const { sarah, john, id } = await answeredCall("matched");
    try {
      await johnOn(b, { sarah, john, id }, 10);
    } finally {
      await b.close(); // crashed: nothing released
    }
    const johnLast = t;
    const bAlive = (await prisma.appInstance.findUniqueOrThrow({ where: { id: (await row(id)).calleeSeenBy! } })).aliveAt.getTime();
    for (t = johnLast; t < johnLast + HEARTBEAT_TIMEOUT_SECONDS * 1000; t += 1_000) {
      await checkIn(sarah, id, "?media=connected");
      await sweepExpiredSessions();
      expect((await row(id)).status).toBe("active");
    }
    // At the latest one heartbeat interval after B's last aliveAt, plus the vanish window.
    t = bAlive + (INSTANCE_HEARTBEAT_SECONDS + HEARTBEAT_TIMEOUT_SECONDS) * 1000;
    await sweepExpiredSessions();
    const ended = await row(id);
    expect(ended).toMatchObject({ status: "completed", endReason: "left" });
    expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(johnLast);
    expect(ended.endedAt!.getTime()).toBe(bAlive + INSTANCE_HEARTBEAT_SECONDS * 1000);
  });

  it("holds across a restart of the instance making the call's writes and sweeps", async () => {
    const c = await instance();
    const { sarah, john, match } = await createPair("matched");
    const id = (await c.start.startCall(sarah.id, match.id)).session.session_id;
    t += 2_000;
    await c.answer.joinCall(john.id, id);
    await c.close(); // restarts; its successor sweeps
    const c2 = await instance();
    try {
      for (let i = 0; i < 40; i++) {
        t += 1_500;
        for (const who of [sarah, john]) await checkIn(who, id, "?media=connected");
        if (i % 4 === 0) await c2.expiry.sweepExpiredSessions();
      }
      expect((await row(id)).status).toBe("active");
      const last = t;
      t = last + HEARTBEAT_TIMEOUT_SECONDS * 1000 - 1;
      await c2.expiry.sweepExpiredSessions();
      expect((await row(id)).status).toBe("active");
      // A (holding both members) releases them on its next settle, as its timer would; C2 then ends the call.
      t += 1;
      await api.activeSessions(sarah); // any read on A settles A's presence first
      await c2.expiry.sweepExpiredSessions();
      expect(await row(id)).toMatchObject({ status: "completed", endReason: "left", endedAt: new Date(last) });
    } finally {
      await c2.close();
    }
  });
});
