import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { MAX_DEVICES_PER_MEMBER } from "@/lib/push/subscriptions";
import { vapidKeys } from "@/lib/push/vapid";
import { call } from "@/test/http";
import { createPair } from "@/test/factories";
import { browserKeys } from "@/test/fake-push-service";
import { GET as publicKey } from "../public-key/route";
import { DELETE, POST } from "./route";

let device = 0;
/** A browser's PushSubscription.toJSON() on Chrome's push service (FCM). */
function chromeSubscription(overrides: Record<string, unknown> = {}) {
  device += 1;
  return { endpoint: `https://fcm.googleapis.com/fcm/send/device-${device}-${Date.now()}`, expirationTime: null, keys: browserKeys().json, ...overrides };
}

describe("push subscriptions API", () => {
  it("answers 401 to a signed-out browser, and stores nothing", async () => {
    const { john } = await createPair();
    const stored = chromeSubscription();
    await call(POST, "POST", { as: john, body: stored });
    const signedOut = chromeSubscription();
    expect(await call(publicKey, "GET")).toEqual({ status: 401, json: { error: "Please sign in." } });
    expect((await call(POST, "POST", { body: signedOut })).status).toBe(401);
    expect((await call(DELETE, "DELETE", { body: { endpoint: stored.endpoint } })).status).toBe(401);
    expect(await prisma.pushSubscription.count({ where: { endpoint: { in: [stored.endpoint, signedOut.endpoint] } } })).toBe(1);
  });

  it("gives the VAPID public key browsers subscribe with", async () => {
    const { john } = await createPair();
    const res = await call(publicKey, "GET", { as: john });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ public_key: vapidKeys()!.publicKey });
    expect(Buffer.from(res.json.public_key, "base64url")).toHaveLength(65);
  });

  it("stores one subscription per device, updates a device that subscribes again, and forgets one on DELETE", async () => {
    const { john } = await createPair();
    const phone = chromeSubscription();
    const laptop = chromeSubscription({ endpoint: "https://updates.push.services.mozilla.com/wpush/v2/laptop-" + Date.now() });
    expect(await call(POST, "POST", { as: john, body: phone, headers: { "user-agent": "Phone browser" } })).toEqual({ status: 201, json: { ok: true } });
    expect((await call(POST, "POST", { as: john, body: laptop, headers: { "user-agent": "Laptop browser" } })).status).toBe(201);

    const fresh = { ...phone, keys: browserKeys().json };
    expect((await call(POST, "POST", { as: john, body: fresh, headers: { "user-agent": "Phone browser" } })).status).toBe(201);
    const stored = await prisma.pushSubscription.findMany({ where: { userId: john.id }, orderBy: { id: "asc" } });
    expect(stored.map((s) => ({ endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth, userAgent: s.userAgent }))).toEqual([
      { endpoint: phone.endpoint, ...fresh.keys, userAgent: "Phone browser" },
      { endpoint: laptop.endpoint, ...laptop.keys, userAgent: "Laptop browser" },
    ]);

    expect(await call(DELETE, "DELETE", { as: john, body: { endpoint: phone.endpoint } })).toEqual({ status: 200, json: { ok: true } });
    expect((await prisma.pushSubscription.findMany({ where: { userId: john.id } })).map((s) => s.endpoint)).toEqual([laptop.endpoint]);
  });

  it("moves a browser's subscription to the member now signed in on it; DELETE never touches another member's", async () => {
    const { sarah, john } = await createPair();
    const shared = chromeSubscription();
    await call(POST, "POST", { as: john, body: shared });
    expect((await call(DELETE, "DELETE", { as: sarah, body: { endpoint: shared.endpoint } })).status).toBe(200);
    expect((await prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: shared.endpoint } })).userId).toBe(john.id);

    await call(POST, "POST", { as: sarah, body: shared });
    expect(await prisma.pushSubscription.findMany({ where: { endpoint: shared.endpoint }, select: { userId: true } })).toEqual([{ userId: sarah.id }]);
  });

  it(`keeps at most ${MAX_DEVICES_PER_MEMBER} devices per member, forgetting the least recently used`, async () => {
    const { john } = await createPair();
    const subs = Array.from({ length: MAX_DEVICES_PER_MEMBER }, () => chromeSubscription());
    for (const s of subs) await call(POST, "POST", { as: john, body: s });
    // Every device but the first has had a call alert delivered.
    await prisma.pushSubscription.updateMany({ where: { endpoint: { in: subs.slice(1).map((s) => s.endpoint) } }, data: { lastUsedAt: new Date() } });
    const newest = chromeSubscription();
    expect((await call(POST, "POST", { as: john, body: newest })).status).toBe(201);
    const endpoints = (await prisma.pushSubscription.findMany({ where: { userId: john.id } })).map((s) => s.endpoint);
    expect(endpoints).toHaveLength(MAX_DEVICES_PER_MEMBER);
    expect(endpoints).toContain(newest.endpoint);
    expect(endpoints).not.toContain(subs[0].endpoint);
  });

  const valid = () => chromeSubscription();
  it.each([
    ["an http endpoint", () => ({ ...valid(), endpoint: "http://fcm.googleapis.com/fcm/send/abc" }), /endpoint: must be an https URL/],
    ["an endpoint that is no URL", () => ({ ...valid(), endpoint: "not-a-url" }), /endpoint: must be a URL/],
    ["an endpoint on an unknown host", () => ({ ...valid(), endpoint: "https://internal.example.com/admin" }), /endpoint: is not a known push service/],
    ["a look-alike host", () => ({ ...valid(), endpoint: "https://evilfcm.googleapis.com.example/x" }), /endpoint: is not a known push service/],
    // The parser tricks that once reached 127.0.0.1 (lib/push/endpoint.test.ts has the full table).
    ["a host url.parse reads as 127.0.0.1 (;)", () => ({ ...valid(), endpoint: "https://127.0.0.1;.fcm.googleapis.com/x" }), /endpoint: must name its host plainly/],
    ["a host url.parse reads as 127.0.0.1 (%3b)", () => ({ ...valid(), endpoint: "https://127.0.0.1%3b.fcm.googleapis.com/x" }), /endpoint: must name its host plainly/],
    ["a host url.parse reads as 127.0.0.1 ({)", () => ({ ...valid(), endpoint: "https://127.0.0.1{.fcm.googleapis.com/x" }), /endpoint: must name its host plainly/],
    ["a host url.parse reads as 127.0.0.1 (')", () => ({ ...valid(), endpoint: "https://127.0.0.1'.fcm.googleapis.com/x" }), /endpoint: must name its host plainly/],
    ["a push host on another port", () => ({ ...valid(), endpoint: "https://fcm.googleapis.com:22/fcm/send/x" }), /endpoint: must not name a port/],
    ["a short p256dh", () => ({ ...valid(), keys: { ...valid().keys, p256dh: "BAAA" } }), /keys.p256dh: must be an uncompressed P-256 public key/],
    ["an auth secret that is not base64url", () => ({ ...valid(), keys: { ...valid().keys, auth: "abc+def/ghi=jklmnopqrs" } }), /keys.auth: must be base64url/],
    ["no keys", () => ({ endpoint: valid().endpoint }), /keys/],
    ["an unknown field", () => ({ ...valid(), userId: 1 }), /Unrecognized key/i],
    ["an unknown key field", () => ({ ...valid(), keys: { ...valid().keys, extra: "x" } }), /Unrecognized key/i],
  ])("refuses %s with 400 and stores nothing", async (_name, body, message) => {
    const { john } = await createPair();
    const res = await call(POST, "POST", { as: john, body: body() });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(message);
    expect(await prisma.pushSubscription.count({ where: { userId: john.id } })).toBe(0);
  });

  it("stores the endpoint in its normalised form", async () => {
    const { john } = await createPair();
    const sub = chromeSubscription({ endpoint: `https://FCM.GoogleAPIs.com/fcm/send/caps-${Date.now()}` });
    expect((await call(POST, "POST", { as: john, body: sub })).status).toBe(201);
    const [stored] = await prisma.pushSubscription.findMany({ where: { userId: john.id } });
    expect(stored.endpoint).toBe(sub.endpoint.replace("FCM.GoogleAPIs.com", "fcm.googleapis.com"));
  });

  it("refuses malformed JSON and a DELETE without an endpoint", async () => {
    const { john } = await createPair();
    expect(await call(POST, "POST", { as: john, rawBody: "{" })).toEqual({ status: 400, json: { error: "Malformed JSON body." } });
    expect((await call(DELETE, "DELETE", { as: john, body: {} })).status).toBe(400);
    expect((await call(DELETE, "DELETE", { as: john, body: { endpoint: "x", more: 1 } })).status).toBe(400);
  });
});
