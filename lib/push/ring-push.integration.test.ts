import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { callTiming } from "@/lib/calls/config";
import { cancelCall, declineCall } from "@/lib/calls/end-call";
import { joinCall } from "@/lib/calls/answer";
import { startCall } from "@/lib/calls/start-call";
import { routePushHostForTests } from "@/lib/push/delivery";
import { PUSH_REQUEST_TIMEOUT_MS, sendRingPush, sendRingStoppedPush, type RingPushPayload } from "@/lib/push/ring-push";
import { MAX_FAILED_SENDS, subscribe } from "@/lib/push/subscriptions";
import { settleBackgroundEffects } from "@/lib/db/transaction";
import { vapidKeys } from "@/lib/push/vapid";
import { createPair } from "@/test/factories";
import { captureLog, messages } from "@/test/log";
import { browserKeys, decryptPushMessage, fakePushCert, fakePushService, verifyVapid } from "@/test/fake-push-service";

type Service = Awaited<ReturnType<typeof fakePushService>>;

describe("Web Push for a ringing call", () => {
  let service: Service;
  let statusFor: (path: string) => number;
  let restoreClock: (() => void) | undefined;

  beforeEach(async () => {
    statusFor = () => 201;
    service = await fakePushService((p) => statusFor(p));
  });
  afterEach(async () => {
    restoreClock?.();
    restoreClock = undefined;
    await service.close();
  });

  /** A pending match with John's phone subscribed, and Sarah calling him. */
  async function ringingCall(devices = ["phone"]) {
    const { sarah, john, match } = await createPair();
    const keys = devices.map((d) => {
      const k = browserKeys();
      return { device: d, keys: k, endpoint: service.endpoint(`${john.id}-${d}`) };
    });
    for (const k of keys) await subscribe(john.id, { endpoint: k.endpoint, keys: k.keys.json }, "Test browser");
    const { session } = await startCall(sarah.id, match.id);
    await forgetAutomaticPushes();
    return { sarah, john, match, session, devices: keys };
  }

  /**
   * The lifecycle pushes by itself after each commit (tested below); the tests of the sending
   * rules call the send functions directly, so they start from an empty log.
   */
  async function forgetAutomaticPushes() {
    await settleBackgroundEffects();
    service.requests.length = 0;
  }

  function requestsTo(endpoint: string) {
    return service.requests.filter((r) => endpoint.endsWith(r.path));
  }

  it("sends the callee an encrypted ring with urgency high, a TTL within the ring timeout and a topic per session", async () => {
    const { session, devices, john } = await ringingCall();
    const report = await sendRingPush(session.session_id);
    expect(report).toEqual({ sent: 1, removed: 0, failed: 0 });

    const [req] = requestsTo(devices[0].endpoint);
    expect(service.requests).toHaveLength(1);
    expect(req.headers["urgency"]).toBe("high");
    const ttl = Number(req.headers["ttl"]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(callTiming().ringTimeoutSeconds);
    expect(req.headers["topic"]).toBe(session.session_id.replaceAll("-", ""));
    expect(req.headers["topic"]).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(req.headers["content-encoding"]).toBe("aes128gcm");

    // Signed with our VAPID key for this push service's origin.
    const keys = vapidKeys()!;
    const claims = verifyVapid(String(req.headers["authorization"]), keys.publicKey);
    expect(claims.aud).toBe(new URL(devices[0].endpoint).origin);
    expect(claims.sub).toBe(keys.subject);

    // Only the browser's keys open it.
    const payload = JSON.parse(decryptPushMessage(req.body, devices[0].keys)) as RingPushPayload;
    expect(payload).toEqual({
      type: "ring",
      sessionId: session.session_id,
      callerName: "Sarah",
      isMutual: false,
      callType: "First Call",
      url: `/call/${session.session_id}`,
      status: "ringing",
    });
    expect(() => decryptPushMessage(req.body, browserKeys())).toThrow();

    const stored = await prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: devices[0].endpoint } });
    expect(stored.userId).toBe(john.id);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("rings each of the callee's devices and none of the caller's", async () => {
    const { sarah, session, devices } = await ringingCall(["phone", "laptop"]);
    const sarahsPhone = browserKeys();
    await subscribe(sarah.id, { endpoint: service.endpoint(`${sarah.id}-phone`), keys: sarahsPhone.json }, null);

    expect(await sendRingPush(session.session_id)).toEqual({ sent: 2, removed: 0, failed: 0 });
    expect(service.requests.map((r) => r.path).sort()).toEqual(devices.map((d) => new URL(d.endpoint).pathname).sort());
    for (const d of devices) {
      const body = JSON.parse(decryptPushMessage(requestsTo(d.endpoint)[0].body, d.keys));
      expect(body).toMatchObject({ type: "ring", sessionId: session.session_id, callerName: "Sarah" });
    }
  });

  it("says a mutual match's repeat call is one", async () => {
    const { sarah, john, match } = await createPair("matched");
    const phone = browserKeys();
    const endpoint = service.endpoint(`${john.id}-phone`);
    await subscribe(john.id, { endpoint, keys: phone.json }, null);
    const { session } = await startCall(sarah.id, match.id);
    await forgetAutomaticPushes();
    await sendRingPush(session.session_id);
    expect(JSON.parse(decryptPushMessage(requestsTo(endpoint)[0].body, phone))).toMatchObject({ isMutual: true, callType: "Repeat Call 💕" });
  });

  it.each([
    ["declined", (s: { sarah: { id: number }; john: { id: number }; id: string }) => declineCall(s.john.id, s.id)],
    ["cancelled", (s: { sarah: { id: number }; john: { id: number }; id: string }) => cancelCall(s.sarah.id, s.id)],
    ["active", (s: { sarah: { id: number }; john: { id: number }; id: string }) => joinCall(s.john.id, s.id)],
  ] as const)("sends a stop on the same topic once the call is %s, and no late ring", async (status, stop) => {
    const { sarah, john, session, devices } = await ringingCall();
    await stop({ sarah, john, id: session.session_id });
    await forgetAutomaticPushes();

    expect(await sendRingStoppedPush(session.session_id)).toEqual({ sent: 1, removed: 0, failed: 0 });
    const [req] = service.requests;
    expect(req.headers["topic"]).toBe(session.session_id.replaceAll("-", ""));
    expect(req.headers["urgency"]).toBe("high");
    expect(Number(req.headers["ttl"])).toBeLessThanOrEqual(callTiming().ringTimeoutSeconds);
    expect(JSON.parse(decryptPushMessage(req.body, devices[0].keys))).toEqual({
      type: "stop",
      sessionId: session.session_id,
      callerName: "Sarah",
      isMutual: false,
      callType: "First Call",
      url: `/call/${session.session_id}`,
      status,
    });

    // A ring that comes too late (the after-commit effect ran behind the change) is not sent.
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 0, removed: 0, failed: 0, skipped: "not_ringing" });
    expect(service.requests).toHaveLength(1);
  });

  it("gives a ring only the ring time left as its TTL, and none once the ring timeout has passed", async () => {
    const { session } = await ringingCall();
    const { ringTimeoutSeconds } = callTiming();
    const startedAt = new Date(session.created_at).getTime();
    restoreClock = setClock(() => new Date(startedAt + 30_000));
    await sendRingPush(session.session_id);
    expect(Number(service.requests[0].headers["ttl"])).toBe(ringTimeoutSeconds - 30);

    restoreClock();
    restoreClock = setClock(() => new Date(startedAt + ringTimeoutSeconds * 1000));
    expect(await sendRingPush(session.session_id)).toMatchObject({ sent: 0, skipped: "not_ringing" });
    expect(service.requests).toHaveLength(1);
  });

  it.each([410, 404])("deletes a subscription the push service answers %i for", async (gone) => {
    const { session, devices, john } = await ringingCall(["phone", "old-laptop"]);
    statusFor = (p) => (p.endsWith("old-laptop") ? gone : 201);
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 1, removed: 1, failed: 0 });
    const left = await prisma.pushSubscription.findMany({ where: { userId: john.id } });
    expect(left.map((s) => s.endpoint)).toEqual([devices[0].endpoint]);
  });

  it.each([500, 429, 403])("keeps a subscription on a %i, says so in the log, and does not throw", async (status) => {
    statusFor = () => status;
    const logged = captureLog();
    const { session, john } = await ringingCall();
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 0, removed: 0, failed: 1 });
    // Once for start-call's own ring, once for this one: the push service's host and answer,
    // never the endpoint (a bearer address for the device).
    const refused = ["warn", "push service refused a call alert", expect.objectContaining({ status, host: "push.meetcute.test" })];
    expect(logged).toEqual([refused, refused]);
    expect(JSON.stringify(logged)).not.toContain("/push/");
    const kept = await prisma.pushSubscription.findFirstOrThrow({ where: { userId: john.id } });
    expect(kept.lastUsedAt).toBeNull();
  });

  it("carries on when a push service cannot be reached, and forgets a device after MAX_FAILED_SENDS failures in a row", async () => {
    const { session, john } = await ringingCall(["phone"]);
    const unreachable = browserKeys();
    // Nothing listens on port 9 (discard) here: each connection is refused.
    routePushHostForTests("refused.meetcute.test", { port: 9, ca: fakePushCert });
    const logged = captureLog();
    try {
      const endpoint = "https://refused.meetcute.test/push/unreachable";
      await subscribe(john.id, { endpoint, keys: unreachable.json }, null);
      for (let i = 1; i < MAX_FAILED_SENDS; i++) {
        expect(await sendRingPush(session.session_id)).toEqual({ sent: 1, removed: 0, failed: 1 });
        expect(await prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint } })).toMatchObject({ failedSends: i });
      }
      expect(await sendRingPush(session.session_id)).toEqual({ sent: 1, removed: 1, failed: 1 });
      expect(await prisma.pushSubscription.count({ where: { userId: john.id } })).toBe(1);
      expect(messages(logged)).toEqual(Array(MAX_FAILED_SENDS).fill(["warn", "push service refused a call alert"]));
    } finally {
      routePushHostForTests("refused.meetcute.test", null);
    }
  });

  it("a success between failures starts the count again", async () => {
    const { session, john } = await ringingCall(["phone"]);
    statusFor = () => 500;
    const logged = captureLog();
    for (let i = 1; i < MAX_FAILED_SENDS; i++) await sendRingPush(session.session_id);
    expect(logged).toHaveLength(MAX_FAILED_SENDS - 1);
    statusFor = () => 201;
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 1, removed: 0, failed: 0 });
    expect(await prisma.pushSubscription.findFirstOrThrow({ where: { userId: john.id } })).toMatchObject({ failedSends: 0 });
  });

  it("never connects to a stored endpoint that breaks the endpoint rules (a row from before them), and deletes it", async () => {
    const { session, john } = await ringingCall(["phone"]);
    const hostile = "https://127.0.0.1;.fcm.googleapis.com/x";
    await prisma.pushSubscription.create({ data: { userId: john.id, endpoint: hostile, ...browserKeys().json } });
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 1, removed: 1, failed: 0 });
    expect(await prisma.pushSubscription.count({ where: { endpoint: hostile } })).toBe(0);
    expect(service.requests).toHaveLength(1);
  });

  it("sends nothing to a callee without devices, or for an unknown session", async () => {
    const { sarah, match } = await createPair();
    const { session } = await startCall(sarah.id, match.id);
    expect(await sendRingPush(session.session_id)).toEqual({ sent: 0, removed: 0, failed: 0, skipped: "no_devices" });
    expect(await sendRingStoppedPush("00000000-0000-4000-8000-000000000000")).toEqual({ sent: 0, removed: 0, failed: 0, skipped: "not_found" });
    expect(service.requests).toHaveLength(0);
  });
  it("the call lifecycle pushes a ring after start-call commits and a stop once it stops ringing, without the caller waiting", async () => {
    const { sarah, john, match } = await createPair();
    const phone = browserKeys();
    const endpoint = service.endpoint(`${john.id}-phone`);
    await subscribe(john.id, { endpoint, keys: phone.json }, null);
    // A push service that answers slowly must not slow start-call down.
    let answer!: () => void;
    const slow = new Promise<void>((r) => (answer = r));
    service.holdUntil(slow);
    const t = Date.now();
    const { session } = await startCall(sarah.id, match.id);
    expect(Date.now() - t).toBeLessThan(PUSH_REQUEST_TIMEOUT_MS);
    answer();
    await settleBackgroundEffects();
    expect(requestsTo(endpoint).map((r) => JSON.parse(decryptPushMessage(r.body, phone)).type)).toEqual(["ring"]);

    await declineCall(john.id, session.session_id);
    await settleBackgroundEffects();
    const types = requestsTo(endpoint).map((r) => JSON.parse(decryptPushMessage(r.body, phone)) as RingPushPayload);
    expect(types.map((p) => [p.type, p.status])).toEqual([
      ["ring", "ringing"],
      ["stop", "declined"],
    ]);
  });
});
