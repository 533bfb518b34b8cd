import { createHash, randomUUID } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";
import { call } from "@/test/http";
import { fakeLiveKit } from "@/test/fake-livekit";

const LIVEKIT = { LIVEKIT_URL: "", LIVEKIT_API_KEY: "webhook-test-key", LIVEKIT_API_SECRET: "webhook-test-secret-0123456789" };

// Room management calls (create at join, close at end) go to a local fake LiveKit server.
let lk: Awaited<ReturnType<typeof fakeLiveKit>>;
beforeAll(async () => {
  lk = await fakeLiveKit();
  LIVEKIT.LIVEKIT_URL = lk.url;
});
afterAll(() => lk.close());

/** The route with a fresh copy of the (cached) server configuration, LiveKit on or off. */
async function loadRoute(liveKit: boolean) {
  vi.resetModules();
  for (const [name, value] of Object.entries(LIVEKIT)) vi.stubEnv(name, liveKit ? value : undefined);
  return import("./route");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Signs a body the way a LiveKit server does: an API-key JWT whose `sha256` claim is the body's hash. */
async function sign(body: string, secret = LIVEKIT.LIVEKIT_API_SECRET): Promise<string> {
  const token = new AccessToken(LIVEKIT.LIVEKIT_API_KEY, secret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function eventBody(event: string, roomName: string, id = `EV_${randomUUID()}`, identity = "1"): string {
  return JSON.stringify({
    id,
    event,
    room: { sid: "RM_1", name: roomName },
    ...(event.startsWith("participant_") || event.startsWith("track_") ? { participant: { identity, sid: "PA_1" } } : {}),
    ...(event.startsWith("track_") ? { track: { sid: "TR_1", type: "VIDEO" } } : {}),
    createdAt: String(Math.floor(Date.now() / 1000)),
  });
}

type Route = Awaited<ReturnType<typeof loadRoute>>;

async function deliver(route: Route, body: string, authorization?: string) {
  return call(route.POST, "POST", {
    rawBody: body,
    path: "/api/livekit/webhook",
    headers: { "content-type": "application/webhook+json", ...(authorization ? { authorization } : {}) },
  });
}

/** A first call John has answered. */
async function activeCall() {
  return (await activeFirstCall()).id;
}

async function activeFirstCall() {
  const { sarah, john, match } = await createPair();
  const id: string = (await api.startCall(sarah, match.id)).json.session_id;
  await api.join(john, id);
  return { sarah, john, match, id };
}

const session = (id: string) => prisma.callSession.findUniqueOrThrow({ where: { id } });

describe("POST /api/livekit/webhook", () => {
  it("is not there when LiveKit is not configured", async () => {
    const route = await loadRoute(false);
    const body = eventBody("room_finished", randomUUID());
    expect((await deliver(route, body, await sign(body))).status).toBe(404);
  });

  it("ends the session when its room finishes", async () => {
    const route = await loadRoute(true);
    const id = await activeCall();
    const body = eventBody("room_finished", id);

    const res = await deliver(route, body, await sign(body));

    expect(res.status).toBe(200);
    expect(await session(id)).toMatchObject({ status: "completed", endReason: "left", endedById: null });
  });

  it("ends the session when a member leaves the room, and a ringing one is cancelled", async () => {
    const route = await loadRoute(true);
    const active = await activeCall();
    const body = eventBody("participant_left", active);
    expect((await deliver(route, body, await sign(body))).status).toBe(200);
    expect((await session(active)).status).toBe("completed");

    const { sarah, match } = await createPair();
    const ringing: string = (await api.startCall(sarah, match.id)).json.session_id;
    const left = eventBody("participant_left", ringing);
    expect((await deliver(route, left, await sign(left))).status).toBe(200);
    expect(await session(ringing)).toMatchObject({ status: "cancelled", endReason: "left" });
  });

  it("records a member publishing a track as media evidence: the first call counts whatever the client says", async () => {
    const route = await loadRoute(true);
    const { sarah, john, match, id } = await activeFirstCall();
    for (const who of [sarah, john]) {
      const body = eventBody("track_published", id, undefined, String(who.id));
      expect((await deliver(route, body, await sign(body))).status).toBe(200);
    }
    expect(await session(id)).toMatchObject({ callerMediaAt: expect.any(Date), calleeMediaAt: expect.any(Date) });

    expect((await api.end(john, id, { reason: "media_failed" })).json.session.status).toBe("completed");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  });

  it("joining the room is not media evidence, and a stranger's identity records nothing", async () => {
    const route = await loadRoute(true);
    const { sarah, john, id } = await activeFirstCall();
    const stranger = await createPair();
    for (const body of [
      eventBody("participant_joined", id, undefined, String(sarah.id)),
      eventBody("participant_joined", id, undefined, String(john.id)),
      eventBody("track_published", id, undefined, String(stranger.sarah.id)),
      eventBody("track_published", id, undefined, "not-a-member-id"),
    ]) {
      expect((await deliver(route, body, await sign(body))).status).toBe(200);
    }
    expect(await session(id)).toMatchObject({ callerMediaAt: null, calleeMediaAt: null });
    expect((await api.end(john, id, { reason: "media_failed" })).json.session.status).toBe("failed");
  });

  it("a member who gets back into an ended call's room is removed, token revoked, and the room deleted", async () => {
    const route = await loadRoute(true);
    const { sarah, john, id } = await activeFirstCall();
    // Still live: joining is fine and nothing is removed.
    lk.requests.length = 0;
    const live = eventBody("participant_joined", id, undefined, String(john.id));
    expect((await deliver(route, live, await sign(live))).status).toBe(200);
    expect(lk.requests).toEqual([]);

    expect((await api.end(sarah, id)).status).toBe(200);
    lk.requests.length = 0;
    const rejoin = eventBody("participant_joined", id, undefined, String(john.id));
    expect((await deliver(route, rejoin, await sign(rejoin))).status).toBe(200);
    expect(lk.requests.map((r) => [r.method, r.body.identity ?? null])).toEqual([
      ["RemoveParticipant", String(john.id)],
      ["DeleteRoom", null],
    ]);
  });

  it("ignores events that do not end a call, and rooms that are not sessions", async () => {
    const route = await loadRoute(true);
    const id = await activeCall();
    for (const body of [eventBody("participant_joined", id), eventBody("room_started", id), eventBody("room_finished", "lobby"), eventBody("room_finished", randomUUID())]) {
      expect((await deliver(route, body, await sign(body))).status).toBe(200);
    }
    expect((await session(id)).status).toBe("active");
  });

  it("refuses unsigned, forged and tampered webhooks with 401 and changes nothing", async () => {
    const route = await loadRoute(true);
    const id = await activeCall();
    const body = eventBody("room_finished", id);

    expect((await deliver(route, body)).status).toBe(401);
    expect((await deliver(route, body, await sign(body, "not-the-secret"))).status).toBe(401);
    const signedOther = eventBody("room_started", id);
    expect((await deliver(route, body, await sign(signedOther))).status).toBe(401);
    expect((await deliver(route, body, "Bearer garbage")).status).toBe(401);

    expect((await session(id)).status).toBe("active");
  });

  it("refuses a replayed webhook with 401", async () => {
    const route = await loadRoute(true);
    const body = eventBody("room_finished", await activeCall());
    const auth = await sign(body);

    expect((await deliver(route, body, auth)).status).toBe(200);
    const replay = await deliver(route, body, auth);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toMatch(/already/);
  });

  it("refuses a webhook replayed to another instance after one accepted it (the ids live in PostgreSQL)", async () => {
    const instanceA = await loadRoute(true);
    const id = `EV_${randomUUID()}`;
    const sessionId = await activeCall();
    const body = eventBody("room_finished", sessionId, id);
    const auth = await sign(body);
    expect((await deliver(instanceA, body, auth)).status).toBe(200);
    expect(await prisma.webhookReceipt.count({ where: { id } })).toBe(1);

    // A fresh module graph: nothing of instance A's process memory is left.
    const instanceB = await loadRoute(true);
    const replay = await deliver(instanceB, body, auth);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toMatch(/already/);
  });

  it("refuses an oversized body without reading it as an event", async () => {
    const route = await loadRoute(true);
    const body = JSON.stringify({ id: "EV_big", event: "room_finished", padding: "x".repeat(70 * 1024) });
    expect((await deliver(route, body, await sign(body))).status).toBe(413);
  });

  it("stops reading a chunked body (no Content-Length) at the cap, before any signature check", async () => {
    const route = await loadRoute(true);
    const chunk = new TextEncoder().encode("x".repeat(1024));
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await call(route.POST, "POST", { stream, path: "/api/livekit/webhook", contentType: "application/webhook+json", headers: { authorization: "not checked" } });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 4 * 1024);
  });

  it("refuses other content types, and needs no same-origin headers (LiveKit's server sends none)", async () => {
    const route = await loadRoute(true);
    const body = eventBody("room_finished", randomUUID());
    const plain = await call(route.POST, "POST", { rawBody: body, path: "/api/livekit/webhook", contentType: "text/plain", headers: { authorization: await sign(body) } });
    expect(plain.status).toBe(400);
    const crossSite = await call(route.POST, "POST", {
      rawBody: body,
      path: "/api/livekit/webhook",
      contentType: "application/webhook+json",
      headers: { authorization: await sign(body), origin: "https://livekit.example" },
    });
    expect(crossSite.status).toBe(200);
  });
});
