// The push channel through its real route handler, with real session cookies, on a real
// PostgreSQL: events reach only their member, only once committed, and the stream ends when it
// should — including after the database listener's connection is killed under it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { publishEvent } from "@/lib/events/publish";
import { dispatch, MAX_STREAMS_PER_MEMBER, streamCount } from "@/lib/events/hub";
import { listenerBackendPid, listenerHealth, reconnectDelay, whenListening } from "@/lib/events/listener";
import type { MemberEvent } from "@/lib/events/types";
import { createMember, createPair } from "@/test/factories";
import { openEventStream, type SseMessage, type OpenStream } from "@/test/sse";
import { api } from "@/test/api";
import { sessionCookie } from "@/test/http";
import { asRouteHandler, serve } from "@/test/node-route";
import { connect } from "node:net";
import eventsRoute from "@/pages/api/events";
import { setClock } from "@/lib/clock";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { banMember } from "@/lib/admin/members";
import { forceEndSession } from "@/lib/admin/live-calls";
import { captureLog } from "@/test/log";

const open: OpenStream[] = [];
async function stream(as: { id: number } | null) {
  const s = await openEventStream(as);
  open.push(s);
  return s;
}

afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});

/** Publishes in a committed transaction of its own (a stand-in for a state change). */
async function publish(event: MemberEvent) {
  await prisma.$transaction((tx) => publishEvent(tx, event));
}

/** The sweeper runs once with the clock ten minutes ahead (every ring and first call is past due). */
async function sweepTenMinutesLater() {
  const later = new Date(Date.now() + 10 * 60_000);
  const restore = setClock(() => later);
  try {
    await sweepExpiredSessions();
  } finally {
    restore();
  }
}

const SESSION = "5f0c9a52-4d7e-4c8a-9a57-1b2c3d4e5f60";

describe("GET /api/events", () => {
  it("answers 401 with { error } to a signed-out client, and to a banned member", async () => {
    const res = await stream(null);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: expect.any(String) });

    const banned = await createMember({ name: "Banned" });
    await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });
    const refused = await stream(banned);
    expect(refused.status).toBe(401);
    expect(streamCount(banned.id)).toBe(0);
  });

  it("answers 405 with { error } and Allow: GET to any other method, and opens nothing", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const send = asRouteHandler(eventsRoute);
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await send(new Request("http://localhost/api/events", { method, headers: { cookie: await sessionCookie(sarah), "content-type": "application/json" }, body: "{}" }));
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET");
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    expect(streamCount(sarah.id)).toBe(0);
  });

  it("opens an unbuffered event stream with a retry hint and a ready message", async () => {
    const sarah = await createMember({ name: "Sarah" });
    await whenListening();
    const s = await stream(sarah);
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(s.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(s.headers.get("x-accel-buffering")).toBe("no");
    expect(s.headers.get("connection")).toBe("keep-alive");
    expect((await s.next("ready")).data).toEqual({ listening: true });
    expect(streamCount(sarah.id)).toBe(1);
  });

  it("carries a member's own events and never another member's", async () => {
    const { sarah, john, match } = await createPair("matched");
    const maya = await createMember({ name: "Maya" });
    await whenListening();
    const [johns, sarahs, mayas] = [await stream(john), await stream(sarah), await stream(maya)];
    await Promise.all([johns.next("ready"), sarahs.next("ready"), mayas.next("ready")]);

    await publish({ type: "call.ringing", userIds: [john.id], sessionId: SESSION, matchId: match.id });
    await publish({ type: "match.changed", userIds: [maya.id], matchId: 999, status: "matched" });

    expect((await johns.next("call.ringing")).data).toEqual({ type: "call.ringing", sessionId: SESSION, matchId: match.id });
    await mayas.next("match.changed");
    // Delivered in commit order on one connection: Maya's later event has arrived, so had Sarah
    // or Maya been sent John's, it would be here by now.
    await johns.next("ready");
    expect(sarahs.messages.map((m) => m.event)).toEqual(["ready"]);
    expect(mayas.messages.map((m) => m.event)).toEqual(["ready", "match.changed"]);
    expect(johns.messages.map((m) => m.event)).toEqual(["ready", "call.ringing"]);
    // Recipients are not part of what a stream carries.
    expect(JSON.stringify(johns.messages)).not.toContain("userIds");
  });

  it("never announces a change whose transaction rolled back", async () => {
    const john = await createMember({ name: "John" });
    await whenListening();
    const s = await stream(john);
    await s.next("ready");
    await expect(
      prisma.$transaction(async (tx) => {
        await publishEvent(tx, { type: "call.ringing", userIds: [john.id], sessionId: SESSION, matchId: 1 });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    await publish({ type: "match.changed", userIds: [john.id], matchId: 2, status: "passed" });
    await s.next("match.changed");
    expect(s.messages.map((m) => m.event)).toEqual(["ready", "match.changed"]);
  });

  it("leaves no subscription behind when the client disconnects", async () => {
    const john = await createMember({ name: "John" });
    const s = await stream(john);
    await s.next("ready");
    expect(streamCount(john.id)).toBe(1);
    s.disconnect();
    await s.ended;
    // The server learns of it when its socket closes, a moment after the client let go.
    await vi.waitFor(() => expect(streamCount(john.id)).toBe(0), { timeout: 2000 });
  });

  it("closes the stream of a reader that stopped reading, instead of queueing for it without end", async () => {
    const john = await createMember({ name: "John" });
    await whenListening();
    // A client that sends the request, then never reads: the socket's buffers fill, then ours.
    const { port } = new URL(await serve(eventsRoute));
    const socket = connect(Number(port), "127.0.0.1");
    socket.write(`GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: ${await sessionCookie(john)}\r\n\r\n`);
    socket.once("data", () => socket.pause());
    try {
      await vi.waitFor(() => expect(streamCount(john.id)).toBe(1));
      // ~55 bytes each: far more than any socket buffer (loopback autotunes to a few MB).
      for (let i = 0; i < 400_000 && streamCount(john.id) > 0; i++) dispatch({ type: "member.changed", userIds: [john.id] });
      expect(streamCount(john.id)).toBe(0);
    } finally {
      socket.destroy();
    }
  });

  it(`keeps at most ${MAX_STREAMS_PER_MEMBER} streams per member, closing the oldest`, async () => {
    const john = await createMember({ name: "John" });
    const streams: OpenStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_MEMBER; i++) streams.push(await stream(john));
    expect(streamCount(john.id)).toBe(MAX_STREAMS_PER_MEMBER);
    const newest = await stream(john);
    await streams[0].ended;
    expect(streams[0].messages.at(-1)).toEqual({ event: "closed", data: { reason: "replaced" } });
    expect(streamCount(john.id)).toBe(MAX_STREAMS_PER_MEMBER);
    await newest.next("ready");
  });

  it("is closed when the member signs out everywhere or is banned", async () => {
    const john = await createMember({ name: "John" });
    const other = await createMember({ name: "Other" });
    await whenListening();
    const [a, b, bystander] = [await stream(john), await stream(john), await stream(other)];
    await Promise.all([a.next("ready"), b.next("ready"), bystander.next("ready")]);
    await publish({ type: "member.signed_out", userIds: [john.id], reason: "banned" });
    await Promise.all([a.ended, b.ended]);
    expect(a.messages.at(-1)).toEqual({ event: "closed", data: { reason: "banned" } });
    expect(b.messages.at(-1)).toEqual({ event: "closed", data: { reason: "banned" } });
    expect(streamCount(john.id)).toBe(0);
    expect(streamCount(other.id)).toBe(1);
  });
});

describe("the database listener", () => {
  it("reconnects after its connection is killed, tells open streams, and delivers again", async () => {
    const john = await createMember({ name: "John" });
    await whenListening();
    const s = await stream(john);
    await s.next("ready");
    const pid = listenerBackendPid();
    expect(pid).toEqual(expect.any(Number));
    const reconnectsBefore = listenerHealth().reconnects;
    const logged = captureLog();

    const [{ killed }] = await prisma.$queryRaw<{ killed: boolean }[]>`SELECT pg_terminate_backend(${pid}::int) AS killed`;
    expect(killed).toBe(true);
    await s.next("health");
    expect(s.messages.find((m) => m.event === "health")?.data).toEqual({ listening: false });
    // Back: a second `ready` tells the tab to re-read what it may have missed meanwhile.
    await s.next((m) => m.event === "ready" && s.messages.indexOf(m) > 0, 10_000);
    await vi.waitFor(() => expect(listenerHealth().connected).toBe(true));
    expect(listenerHealth().reconnects).toBe(reconnectsBefore + 1);
    expect(listenerBackendPid()).not.toBe(pid);
    // The operator hears of the loss once, with the back-off it took.
    expect(logged).toEqual([["warn", "member event listener lost its connection", expect.objectContaining({ attempt: 1 })]]);

    await publish({ type: "call.ringing", userIds: [john.id], sessionId: SESSION, matchId: 3 });
    await s.next("call.ringing");
  });

  it("backs off exponentially with jitter, capped", () => {
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, () => 1))).toEqual([250, 500, 1000, 2000]);
    expect(reconnectDelay(30, () => 1)).toBe(15_000);
    expect(reconnectDelay(2, () => 0)).toBe(500);
  });
});


/** Both members' streams, open and ready. */
async function streamsOf(...members: { id: number }[]) {
  await whenListening();
  const streams = await Promise.all(members.map((m) => stream(m)));
  await Promise.all(streams.map((s) => s.next("ready")));
  return streams;
}

const isEvent = (type: string, fields: Record<string, unknown>) => (m: SseMessage) =>
  m.event === type && Object.entries(fields).every(([k, v]) => m.data[k] === v);

describe("every state change is announced to both members", () => {
  it("a call rings both members; answering, then hanging up, is announced to both", async () => {
    const { sarah, john, match } = await createPair("matched");
    const stranger = await createMember({ name: "Maya" });
    const [sarahs, johns, strangers] = await streamsOf(sarah, john, stranger);
    const started = await api.startCall(sarah, match.id);
    expect(started.status).toBe(200);
    const sessionId = started.json.session_id;
    for (const s of [sarahs, johns]) await s.next(isEvent("call.ringing", { sessionId, matchId: match.id }));

    expect((await api.join(john, sessionId)).status).toBe(200);
    for (const s of [sarahs, johns]) await s.next(isEvent("call.stopped_ringing", { sessionId, status: "active" }));

    expect((await api.end(sarah, sessionId)).status).toBe(200);
    for (const s of [sarahs, johns]) await s.next(isEvent("session.changed", { sessionId, status: "completed" }));
    // Maya saw the stream's own messages only.
    expect(strangers.messages.map((m) => m.event)).toEqual(["ready"]);
  });

  it("declined and cancelled calls stop ringing for both", async () => {
    const { sarah, john, match } = await createPair("matched");
    const [sarahs, johns] = await streamsOf(sarah, john);
    const first = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.decline(john, first)).status).toBe(200);
    for (const s of [sarahs, johns]) await s.next(isEvent("call.stopped_ringing", { sessionId: first, status: "declined" }));
    const second = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.cancel(sarah, second)).status).toBe(200);
    for (const s of [sarahs, johns]) await s.next(isEvent("call.stopped_ringing", { sessionId: second, status: "cancelled" }));
  });

  it("a ring that times out is announced as missed, from the sweeper as from a read", async () => {
    const { sarah, john, match } = await createPair("matched");
    const [sarahs, johns] = await streamsOf(sarah, john);
    const sessionId = (await api.startCall(sarah, match.id)).json.session_id;
    await sweepTenMinutesLater();
    for (const s of [sarahs, johns]) await s.next(isEvent("call.stopped_ringing", { sessionId, status: "missed" }));
  });

  it("a first call hitting its cap moves the match on, and both hear of both", async () => {
    const { sarah, john, match } = await createPair("pending");
    const [sarahs, johns] = await streamsOf(sarah, john);
    const sessionId = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.join(john, sessionId)).status).toBe(200);
    await sweepTenMinutesLater();
    for (const s of [sarahs, johns]) {
      await s.next(isEvent("session.changed", { sessionId, status: "completed" }));
      await s.next(isEvent("match.changed", { matchId: match.id, status: "awaiting_decision" }));
    }
  });

  it("the other member's decision and the outcome reach both; the decision itself is not revealed", async () => {
    const { sarah, john, match } = await createPair("awaiting_decision");
    const [sarahs, johns] = await streamsOf(sarah, john);
    expect((await api.decide(sarah, match.id, "like")).status).toBe(200);
    // John learns that something changed (Sarah decided), not what she chose.
    await johns.next(isEvent("match.changed", { matchId: match.id, status: "awaiting_decision" }));
    expect(JSON.stringify(johns.messages)).not.toContain("like");
    expect((await api.decide(john, match.id, "like")).status).toBe(200);
    for (const s of [sarahs, johns]) await s.next(isEvent("match.changed", { matchId: match.id, status: "matched" }));
  });

  it("unmatch and block end a ringing call and the match for both", async () => {
    const { sarah, john, match } = await createPair("matched");
    const [sarahs, johns] = await streamsOf(sarah, john);
    const sessionId = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.block(john, match.id)).status).toBe(200);
    for (const s of [sarahs, johns]) {
      await s.next(isEvent("call.stopped_ringing", { sessionId, status: "cancelled" }));
      await s.next(isEvent("match.changed", { matchId: match.id, status: "blocked" }));
    }
    const other = await createPair("matched");
    const [others] = await streamsOf(other.john);
    expect((await api.unmatch(other.sarah, other.match.id)).status).toBe(200);
    await others.next(isEvent("match.changed", { matchId: other.match.id, status: "unmatched" }));
  });

  it("an admin force-end is announced; a ban ends the member's calls and closes their streams", async () => {
    const { sarah, john, match } = await createPair("matched");
    const admin = await createMember({ name: "Admin", role: "admin" });
    const [sarahs, johns] = await streamsOf(sarah, john);
    const first = (await api.startCall(sarah, match.id)).json.session_id;
    await forceEndSession(admin.id, first, {});
    for (const s of [sarahs, johns]) await s.next(isEvent("call.stopped_ringing", { sessionId: first, status: "cancelled" }));

    const second = (await api.startCall(sarah, match.id)).json.session_id;
    await banMember(admin.id, sarah.id, { reason: "Spam calls" });
    await johns.next(isEvent("call.stopped_ringing", { sessionId: second, status: "cancelled" }));
    await sarahs.ended;
    expect(sarahs.messages.at(-1)).toEqual({ event: "closed", data: { reason: "banned" } });
    expect(streamCount(sarah.id)).toBe(0);
    // And she can't come back: a banned member is signed out.
    expect((await stream(sarah)).status).toBe(401);
    expect(streamCount(john.id)).toBe(1);
  });
});
