import { createHash, randomUUID } from "node:crypto";
import { AccessToken, TokenVerifier, WebhookEvent } from "livekit-server-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpError } from "@/lib/http/http-error";
import { fakeLiveKit as startFakeLiveKit, type FakeReply } from "@/test/fake-livekit";
import { log } from "@/lib/log";
import {
  closeRoom,
  connectionDetails,
  ensureRoom,
  liveKitConfig,
  mintParticipantToken,
  removeParticipants,
  sessionEndSignal,
  tokenTtlSeconds,
  verifyWebhook,
  type LiveKitConfig,
} from "@/lib/media/livekit";

const cfg: LiveKitConfig = { url: "ws://127.0.0.1:7880", apiKey: "test-key", apiSecret: "test-secret-0123456789abcdef" };
const unreachable: LiveKitConfig = { ...cfg, url: "http://127.0.0.1:9" };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("liveKitConfig", () => {
  const full = { LIVEKIT_URL: "wss://lk.example.com", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" };

  it("is the three settings when all are set", () => {
    expect(liveKitConfig(full)).toEqual({ url: "wss://lk.example.com", apiKey: "k", apiSecret: "s" });
  });

  it.each(["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] as const)("is null when %s is missing or empty", (name) => {
    expect(liveKitConfig({ ...full, [name]: undefined })).toBeNull();
    expect(liveKitConfig({ ...full, [name]: "" })).toBeNull();
  });
});

describe("mintParticipantToken", () => {
  const roomName = randomUUID();

  it("grants joining that one room with camera, mic, subscribe and data, and nothing else", async () => {
    const jwt = await mintParticipantToken(cfg, { roomName, identity: "42", name: "Sarah", ttlSeconds: 75 });
    const claims = await new TokenVerifier(cfg.apiKey, cfg.apiSecret).verify(jwt);

    expect(claims.iss).toBe(cfg.apiKey);
    expect(claims.sub).toBe("42");
    expect(claims.name).toBe("Sarah");
    expect(claims.video).toEqual({
      room: roomName,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canPublishSources: ["camera", "microphone"],
      roomCreate: false,
      roomAdmin: false,
      roomList: false,
    });
  });

  it("expires after the requested TTL", async () => {
    const jwt = await mintParticipantToken(cfg, { roomName, identity: "42", name: "Sarah", ttlSeconds: 75 });
    const { exp = 0, nbf = 0 } = await new TokenVerifier(cfg.apiKey, cfg.apiSecret).verify(jwt);
    const nowSeconds = Date.now() / 1000;

    expect(exp - nbf).toBeGreaterThanOrEqual(75);
    expect(exp - nbf).toBeLessThanOrEqual(76); // the two timestamps may straddle a second
    expect(nbf).toBeLessThanOrEqual(nowSeconds);
    expect(exp).toBeGreaterThan(nowSeconds + 70);
  });

  it("is refused by a verifier with another secret", async () => {
    const jwt = await mintParticipantToken(cfg, { roomName, identity: "42", name: "Sarah", ttlSeconds: 75 });
    await expect(new TokenVerifier(cfg.apiKey, "some-other-secret").verify(jwt)).rejects.toThrow();
  });
});

describe("connectionDetails", () => {
  it("carries the server URL, room, name and a token for that member", async () => {
    const roomName = randomUUID();
    const details = await connectionDetails(cfg, { roomName, identity: "7", name: "John", ttlSeconds: 600 });

    expect(details).toMatchObject({ transport: "livekit", serverUrl: cfg.url, roomName, participantName: "John" });
    const claims = await new TokenVerifier(cfg.apiKey, cfg.apiSecret).verify(details.participantToken);
    expect(claims.sub).toBe("7");
    expect(claims.video?.room).toBe(roomName);
  });
});

describe("tokenTtlSeconds", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const ring = 45;
  const firstCall = { kind: "first" as const, capSeconds: 60 };

  it("covers the rest of the ring time, the cap and a 15 s grace while a first call rings", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: null, createdAt: ago(10) }, now, ring)).toBe(35 + 60 + 15);
  });

  it("never counts negative ring time for a first call ringing past its timeout", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: null, createdAt: ago(100) }, now, ring)).toBe(60 + 15);
  });

  it("covers only the remaining cap once a first call is answered", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: ago(20), createdAt: ago(30) }, now, ring)).toBe(40 + 15);
  });

  it("is just over the grace near the cap", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: ago(58), createdAt: ago(70) }, now, ring)).toBe(2 + 15);
  });

  it("rounds partial seconds up", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: ago(20.5), createdAt: ago(30) }, now, ring)).toBe(55);
  });

  it("is never below 10 s, even past the cap", () => {
    expect(tokenTtlSeconds({ ...firstCall, answeredAt: ago(120), createdAt: ago(130) }, now, ring)).toBe(10);
  });

  it("follows a configured cap", () => {
    expect(tokenTtlSeconds({ kind: "first", capSeconds: 5, answeredAt: ago(0), createdAt: ago(3) }, now, ring)).toBe(20);
  });

  it("is 10 minutes for repeat calls, ringing or answered", () => {
    expect(tokenTtlSeconds({ kind: "repeat", capSeconds: null, answeredAt: null, createdAt: ago(5) }, now, ring)).toBe(600);
    expect(tokenTtlSeconds({ kind: "repeat", capSeconds: null, answeredAt: ago(3000), createdAt: ago(3010) }, now, ring)).toBe(600);
  });

  it("refuses a first call without a cap rather than minting an uncapped token", () => {
    expect(() => tokenTtlSeconds({ kind: "first", capSeconds: null, answeredAt: null, createdAt: now }, now, ring)).toThrow(/cap/);
  });
});

/** The shared fake LiveKit server, with this file's credentials. */
async function fakeLiveKit(reply: (method: string) => FakeReply) {
  const fake = await startFakeLiveKit(reply);
  return { ...fake, cfg: { ...cfg, url: fake.url } };
}

const notFound = { status: 404, body: { code: "not_found", msg: "requested room does not exist" } };
const serverError = { status: 500, body: { code: "internal", msg: "boom" } };

describe("rooms", () => {
  it("creates the room for two participants with short empty and departure timeouts", async () => {
    const lk = await fakeLiveKit(() => ({ status: 200, body: { name: "r", sid: "RM_1" } }));
    const roomName = randomUUID();
    try {
      await expect(ensureRoom(lk.cfg, roomName)).resolves.toBe(true);
    } finally {
      await lk.close();
    }
    expect(lk.requests).toHaveLength(1);
    expect(lk.requests[0]?.method).toBe("CreateRoom");
    expect(lk.requests[0]?.body).toMatchObject({ name: roomName, maxParticipants: 2, emptyTimeout: 30, departureTimeout: 20 });
    const bearer = lk.requests[0]?.authorization.replace(/^Bearer /, "") ?? "";
    const claims = await new TokenVerifier(cfg.apiKey, cfg.apiSecret).verify(bearer);
    expect(claims.video?.roomCreate).toBe(true);
  });

  it("reports a server error creating the room as false, and logs it", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const lk = await fakeLiveKit(() => serverError);
    try {
      await expect(ensureRoom(lk.cfg, randomUUID())).resolves.toBe(false);
    } finally {
      await lk.close();
    }
    expect(warn).toHaveBeenCalledOnce();
  });

  it("treats closing a room that is already gone as closed", async () => {
    const warn = vi.spyOn(log, "warn");
    const lk = await fakeLiveKit(() => notFound);
    try {
      await expect(closeRoom(lk.cfg, randomUUID())).resolves.toBe(true);
    } finally {
      await lk.close();
    }
    expect(lk.requests[0]?.method).toBe("DeleteRoom");
    expect(warn).not.toHaveBeenCalled();
  });

  it("reports other failures closing a room as false", async () => {
    vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const lk = await fakeLiveKit(() => serverError);
    try {
      await expect(closeRoom(lk.cfg, randomUUID())).resolves.toBe(false);
    } finally {
      await lk.close();
    }
  });

  it("removes each participant and revokes their current tokens", async () => {
    const lk = await fakeLiveKit(() => ({ status: 200, body: {} }));
    const roomName = randomUUID();
    const before = Math.floor(Date.now() / 1000);
    try {
      await expect(removeParticipants(lk.cfg, roomName, ["1", "2"])).resolves.toBe(true);
    } finally {
      await lk.close();
    }
    expect(lk.requests.map((r) => r.method)).toEqual(["RemoveParticipant", "RemoveParticipant"]);
    expect(lk.requests.map((r) => r.body.identity).sort()).toEqual(["1", "2"]);
    for (const { body } of lk.requests) {
      expect(body.room).toBe(roomName);
      expect(Number(body.revokeTokenTs)).toBeGreaterThanOrEqual(before);
    }
  });

  it("counts a participant who already left as removed", async () => {
    const lk = await fakeLiveKit(() => notFound);
    try {
      await expect(removeParticipants(lk.cfg, randomUUID(), ["1"])).resolves.toBe(true);
    } finally {
      await lk.close();
    }
  });

  it("does not throw when the LiveKit server is unreachable", async () => {
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    const roomName = randomUUID();

    await expect(ensureRoom(unreachable, roomName)).resolves.toBe(false);
    await expect(closeRoom(unreachable, roomName)).resolves.toBe(false);
    await expect(removeParticipants(unreachable, roomName, ["1", "2"])).resolves.toBe(false);
    expect(warn).toHaveBeenCalled();
  });
});

/** Signs a body the way a LiveKit server does: a JWT from the API key whose `sha256` claim is the body's hash. */
async function signWebhook(body: string, secret = cfg.apiSecret): Promise<string> {
  const token = new AccessToken(cfg.apiKey, secret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function webhookBody(fields: { id?: string; event?: string; roomName?: string; createdAt?: Date } = {}): string {
  const createdAt = fields.createdAt ?? new Date();
  return JSON.stringify({
    id: fields.id ?? `EV_${randomUUID()}`,
    event: fields.event ?? "room_finished",
    room: { sid: "RM_1", name: fields.roomName ?? randomUUID() },
    createdAt: String(Math.floor(createdAt.getTime() / 1000)),
  });
}

describe("verifyWebhook", () => {
  const expect401 = async (promise: Promise<unknown>, message: RegExp) => {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(401);
    expect((err as HttpError).message).toMatch(message);
  };

  it("accepts a genuine, fresh webhook and returns the event", async () => {
    const roomName = randomUUID();
    const body = webhookBody({ id: "EV_genuine", roomName });
    const seenIds = memoryIds();

    const event = await verifyWebhook(cfg, body, await signWebhook(body), { now: new Date(), seenIds });

    expect(event.event).toBe("room_finished");
    expect(event.id).toBe("EV_genuine");
    expect(event.room?.name).toBe(roomName);
    expect(await seenIds.claim("EV_genuine")).toBe(false);
  });

  it("rejects a webhook without a signature", async () => {
    await expect401(verifyWebhook(cfg, webhookBody(), null, { now: new Date(), seenIds: memoryIds() }), /signature/);
  });

  it("rejects a webhook signed with another secret", async () => {
    const body = webhookBody();
    const auth = await signWebhook(body, "not-the-api-secret");
    await expect401(verifyWebhook(cfg, body, auth, { now: new Date(), seenIds: memoryIds() }), /signature/);
  });

  it("rejects a body that differs from the one signed", async () => {
    const signed = webhookBody({ event: "room_started" });
    const tampered = signed.replace("room_started", "room_finished");
    const auth = await signWebhook(signed);
    await expect401(verifyWebhook(cfg, tampered, auth, { now: new Date(), seenIds: memoryIds() }), /signature/);
  });

  it("rejects an event created more than 5 minutes ago", async () => {
    const now = new Date();
    const body = webhookBody({ createdAt: new Date(now.getTime() - 301_000) });
    await expect401(verifyWebhook(cfg, body, await signWebhook(body), { now, seenIds: memoryIds() }), /too old/);
  });

  it("accepts an event created just under 5 minutes ago", async () => {
    const now = new Date();
    const body = webhookBody({ createdAt: new Date(now.getTime() - 290_000) });
    await expect(verifyWebhook(cfg, body, await signWebhook(body), { now, seenIds: memoryIds() })).resolves.toBeInstanceOf(WebhookEvent);
  });

  it("rejects a replayed event id", async () => {
    const body = webhookBody({ id: "EV_replayed" });
    const auth = await signWebhook(body);
    const seenIds = memoryIds();

    await verifyWebhook(cfg, body, auth, { now: new Date(), seenIds });
    await expect401(verifyWebhook(cfg, body, auth, { now: new Date(), seenIds }), /already/);
  });

  it("does not remember the id of a forged webhook, so the genuine one still gets through", async () => {
    const body = webhookBody({ id: "EV_contested" });
    const seenIds = memoryIds();

    await expect401(verifyWebhook(cfg, body, await signWebhook(body, "forger"), { now: new Date(), seenIds }), /signature/);
    await expect(verifyWebhook(cfg, body, await signWebhook(body), { now: new Date(), seenIds })).resolves.toBeInstanceOf(WebhookEvent);
  });
});

describe("sessionEndSignal", () => {
  const sessionId = randomUUID();
  const event = (json: Record<string, unknown>) => WebhookEvent.fromJsonString(JSON.stringify(json));

  it("ends the session when its room finishes", () => {
    expect(sessionEndSignal(event({ event: "room_finished", room: { name: sessionId } }))).toEqual({
      sessionId,
      reason: "room_finished",
    });
  });

  it("ends the session when a participant leaves", () => {
    const left = event({ event: "participant_left", room: { name: sessionId }, participant: { identity: "42" } });
    expect(sessionEndSignal(left)).toEqual({ sessionId, reason: "participant_left" });
  });

  it.each(["room_started", "participant_joined", "track_published", "participant_connection_aborted"])("ignores %s", (name) => {
    expect(sessionEndSignal(event({ event: name, room: { name: sessionId } }))).toBeNull();
  });

  it("ignores rooms that are not named after a session", () => {
    expect(sessionEndSignal(event({ event: "room_finished", room: { name: "lobby" } }))).toBeNull();
    expect(sessionEndSignal(event({ event: "participant_left" }))).toBeNull();
  });
});

/** An in-memory stand-in for the webhook-receipt store (the PostgreSQL one is tested with the route). */
function memoryIds() {
  const ids = new Set<string>();
  return {
    async claim(id: string) {
      if (ids.has(id)) return false;
      ids.add(id);
      return true;
    },
  };
}
