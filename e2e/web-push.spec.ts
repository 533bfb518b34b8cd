import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page, type Worker } from "@playwright/test";
import type { RingPushPayload } from "../lib/push/ring-push";
import { loginViaApi } from "./support/auth";
import { createPair, db, type TestMember } from "./support/db";

// The browser's side of Web Push call alerts in real Chromium: the service worker (public/sw.js)
// and the opt-in. A push message is delivered through the DevTools protocol
// (ServiceWorker.deliverPushMessage), as a push service would deliver it. Headless Chromium
// refuses push subscriptions ("AbortError: Registration failed - permission denied", even with
// the notifications permission granted), so the opt-in journey stands in for the browser's push
// service only (PushManager.subscribe); the server's sending is tested in
// lib/push/ring-push.integration.test.ts against a local fake push service.

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  actions: string[];
  data: { sessionId?: string; url?: string } | null;
}

async function signedIn(browser: Browser, member: TestMember, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, permissions: ["notifications", "camera", "microphone"] });
  await loginViaApi(context, member.email, member.password);
  return context;
}

/** Registers /sw.js from the page and returns its worker and a way to push to it. */
async function withServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted && new URL(r.scopeURL).pathname === "/");
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const workerStarted = context.serviceWorkers()[0] ? Promise.resolve(context.serviceWorkers()[0]) : context.waitForEvent("serviceworker");
  // The page controlled by the worker, as after a member turned alerts on.
  await page.evaluate(async () => {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  const worker: Worker = await workerStarted;
  const origin = new URL(page.url()).origin;
  const id = await registrationId;
  // Counts the push events whose handling (the promise public/sw.js gives event.waitUntil) has
  // settled. The journey reads the notifications only after that: Chromium's getNotifications()
  // run while the worker is still showing one can drop that one from its database (3 times in 40
  // on this machine), which is what made this journey flaky.
  const handled = () => worker.evaluate(() => (self as unknown as { __pushesHandled: number }).__pushesHandled);
  await worker.evaluate(() => {
    const g = self as unknown as { __pushesHandled: number };
    g.__pushesHandled = 0;
    // The worker's ExtendableEvent (the DOM typings the specs compile with have no worker types).
    type Extendable = Event & { waitUntil(promise: Promise<unknown>): void };
    const proto = (self as unknown as { ExtendableEvent: { prototype: Extendable } }).ExtendableEvent.prototype;
    const waitUntil = proto.waitUntil;
    proto.waitUntil = function (this: Extendable, promise: Promise<unknown>) {
      if (this.type === "push") void promise.finally(() => g.__pushesHandled++);
      return waitUntil.call(this, promise);
    };
  });
  return {
    worker,
    /** Delivers a push message and waits until the worker has handled it. */
    push: async (payload: unknown) => {
      const before = await handled();
      await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId: id, data: JSON.stringify(payload) });
      await expect.poll(handled, { message: "the worker handled the push" }).toBeGreaterThan(before);
    },
    notifications: () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          requireInteraction: n.requireInteraction,
          actions: ((n as Notification & { actions?: { action: string; title: string }[] }).actions ?? []).map((a) => `${a.action}:${a.title}`),
          data: n.data as ShownNotification["data"],
        }));
      }),
  };
}

/**
 * Sarah and John with a pending match, John's page open with the worker registered. `call()`
 * starts a first call from Sarah through the real API, as late as possible: the journeys' ring
 * timeout is 12 s.
 */
async function johnWithServiceWorker(browser: Browser) {
  const { caller, callee, match } = await createPair("Sarah", "John");
  const sarah = await signedIn(browser, caller);
  const context = await signedIn(browser, callee);
  const page = await context.newPage();
  await page.goto("/dashboard");
  const sw = await withServiceWorker(context, page);
  const call = async () => {
    const started = await sarah.request.post("/api/video/start-call", { data: { match_id: match.id } });
    expect(started.status()).toBe(200);
    const { session_id: sessionId } = (await started.json()) as { session_id: string };
    // What lib/push/ring-push.ts sends for it.
    const ring: RingPushPayload = { type: "ring", sessionId, callerName: "Sarah", isMutual: false, callType: "First Call", url: `/call/${sessionId}`, status: "ringing" };
    return { sessionId, ring };
  };
  const close = async () => {
    await context.close();
    await sarah.close();
  };
  return { callee, page, sw, call, close };
}

test("a ring push shows who is calling with Join and Decline, and the stop push takes it away", async ({ browser }) => {
  const { sw, call, close } = await johnWithServiceWorker(browser);
  const { sessionId, ring } = await call();
  await sw.push(ring);
  await expect.poll(sw.notifications).toEqual([
    {
      title: "Sarah is calling you",
      body: "First Call on Meetcute",
      tag: `call-${sessionId}`,
      requireInteraction: true,
      actions: ["join:Join", "decline:Decline"],
      data: { sessionId, url: `/call/${sessionId}` },
    },
  ]);

  await sw.push({ ...ring, type: "stop", status: "cancelled" });
  await expect.poll(sw.notifications).toEqual([]);

  // Nobody answered: the ring turns into a quiet missed call, without actions.
  await sw.push(ring);
  await expect.poll(async () => (await sw.notifications()).length).toBe(1);
  await sw.push({ ...ring, type: "stop", status: "missed" });
  await expect.poll(async () => (await sw.notifications()).map((n) => [n.title, n.tag, n.actions.length])).toEqual([["Missed call from Sarah", `call-${sessionId}`, 0]]);

  // A message it can't read still shows something (browsers penalise silent pushes).
  await sw.push({ hello: "world" });
  await expect.poll(async () => (await sw.notifications()).map((n) => n.title)).toContain("Meetcute");
  await close();
});

test("Join takes the open Meetcute tab to the call page, which answers the call", async ({ browser }) => {
  const { page, sw, call, close } = await johnWithServiceWorker(browser);
  const { sessionId, ring } = await call();
  await sw.push(ring);
  await expect.poll(async () => (await sw.notifications()).length).toBe(1);

  // The click itself can't be made through the DevTools protocol: run the worker's handler with
  // what the notification carries, as its notificationclick listener does.
  const [data] = (await sw.notifications()).map((n) => n.data);
  await sw.worker.evaluate((d) => (self as unknown as { handleNotificationClick: (a: string, d: unknown) => Promise<unknown> }).handleNotificationClick("join", d), data);
  await expect(page).toHaveURL(new RegExp(`/call/${sessionId}$`));
  await expect.poll(async () => (await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("active");
  await close();
});

test("Decline declines the call through the API from the service worker", async ({ browser }) => {
  const { callee, page, sw, call, close } = await johnWithServiceWorker(browser);
  const { sessionId, ring } = await call();
  await sw.push(ring);
  await expect.poll(async () => (await sw.notifications()).length).toBe(1);

  const [data] = (await sw.notifications()).map((n) => n.data);
  await sw.worker.evaluate((d) => (self as unknown as { handleNotificationClick: (a: string, d: unknown) => Promise<unknown> }).handleNotificationClick("decline", d), data);
  const declined = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
  expect(declined.status).toBe("declined");
  expect(declined.endedById).toBe(callee.id);
  // The tab stayed where it was.
  expect(new URL(page.url()).pathname).toBe("/dashboard");
  await close();
});

test("the opt-in is offered on the match page and sits in the call menu, on a phone and a computer", async ({ browser }) => {
  const { caller, callee } = await createPair("Sarah", "John");
  mkdirSync("e2e/screenshots", { recursive: true });
  for (const viewport of [
    { name: "phone", width: 390, height: 844 },
    { name: "computer", width: 1280, height: 800 },
  ]) {
    const context = await signedIn(browser, callee, viewport);
    const page = await context.newPage();
    const match = await db.match.findFirstOrThrow({ where: { OR: [{ userAId: callee.id }, { userBId: callee.id }] } });
    await page.goto(`/matches/${match.id}`);
    const offer = page.getByTestId("push-offer");
    await expect(offer).toBeVisible();
    await expect(offer.getByRole("heading")).toHaveText("Get call alerts when Meetcute is closed");
    await expect(offer).toContainText(`${caller.name} can call you anytime.`);
    await expect(offer.getByRole("button", { name: "Turn on call alerts" })).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/push-offer-${viewport.name}.png`, fullPage: true });

    await page.getByTestId("dnd").getByRole("button", { name: /Calls on/ }).click();
    const setting = page.getByTestId("push-alerts");
    await expect(setting).toBeVisible();
    await expect(setting).toHaveAttribute("data-state", "off");
    await expect(setting.getByRole("switch", { name: "📲 Alerts when Meetcute is closed" })).toHaveAttribute("aria-checked", "false");
    await page.screenshot({ path: `e2e/screenshots/push-setting-${viewport.name}.png` });

    // "Not now" is remembered in this browser.
    await page.keyboard.press("Escape");
    await offer.getByRole("button", { name: "Not now" }).click();
    await expect(offer).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("match-detail")).toBeVisible();
    await expect(page.getByTestId("push-offer")).toHaveCount(0);
    await context.close();
  }
});


/**
 * Stands in for the browser's push service, which headless Chromium won't let a page subscribe
 * to: PushManager hands out a subscription with real P-256 keys on an FCM-shaped endpoint, and
 * remembers the application server key it was asked for.
 */
async function fakeBrowserPushService(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __pushKeyUsed?: string; __pushSubscription?: PushSubscription | null };
    const b64url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)).buffer;
    const stored = () => {
      const raw = localStorage.getItem("fake-push-subscription");
      return raw ? (JSON.parse(raw) as { endpoint: string; key: string; p256dh: string; auth: string }) : null;
    };
    const toSubscription = (s: NonNullable<ReturnType<typeof stored>>) =>
      ({
        endpoint: s.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: fromB64url(s.key) },
        toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: { p256dh: s.p256dh, auth: s.auth } }),
        unsubscribe: async () => {
          localStorage.removeItem("fake-push-subscription");
          return true;
        },
      }) as unknown as PushSubscription;
    PushManager.prototype.getSubscription = async function () {
      const s = stored();
      return s ? toSubscription(s) : null;
    };
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey;
      w.__pushKeyUsed = typeof key === "string" ? key : "";
      const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
      const s = {
        endpoint: `https://fcm.googleapis.com/fcm/send/journey-${crypto.randomUUID()}`,
        key: w.__pushKeyUsed,
        p256dh: b64url(await crypto.subtle.exportKey("raw", pair.publicKey)),
        auth: b64url(crypto.getRandomValues(new Uint8Array(16)).buffer),
      };
      localStorage.setItem("fake-push-subscription", JSON.stringify(s));
      return toSubscription(s);
    };
  });
}

test("turning call alerts on registers the worker and stores this device; turning them off forgets it", async ({ browser }) => {
  const { callee } = await createPair("Sarah", "John");
  const context = await signedIn(browser, callee, { width: 390, height: 844 });
  await fakeBrowserPushService(context);
  const page = await context.newPage();
  const match = await db.match.findFirstOrThrow({ where: { OR: [{ userAId: callee.id }, { userBId: callee.id }] } });
  await page.goto(`/matches/${match.id}`);

  await page.getByTestId("push-offer").getByRole("button", { name: "Turn on call alerts" }).click();
  await expect(page.getByTestId("push-offer")).toHaveText("✅ Call alerts are on for this device.");
  const stored = await db.pushSubscription.findMany({ where: { userId: callee.id } });
  expect(stored).toHaveLength(1);
  expect(stored[0].endpoint).toMatch(/^https:\/\/fcm\.googleapis\.com\/fcm\/send\/journey-/);
  expect(stored[0].userAgent).toContain("Chrome");
  // Subscribed with the server's VAPID key, through the real /sw.js.
  const publicKey = ((await (await page.request.get("/api/push/public-key")).json()) as { public_key: string }).public_key;
  expect(await page.evaluate(() => (window as unknown as { __pushKeyUsed: string }).__pushKeyUsed)).toBe(publicKey);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/"))?.active?.scriptURL)).toMatch(/\/sw\.js$/);

  // The call menu shows it on, and turns it off.
  await page.getByTestId("dnd").getByRole("button", { name: /Calls on/ }).click();
  const setting = page.getByTestId("push-alerts");
  await expect(setting).toHaveAttribute("data-state", "on");
  await expect(setting).toContainText("Calls ring this device even when Meetcute is closed.");
  await page.screenshot({ path: "e2e/screenshots/push-setting-on-phone.png" });
  await setting.getByRole("switch").click();
  await expect(setting).toHaveAttribute("data-state", "off");
  await expect(setting.getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await expect.poll(() => db.pushSubscription.count({ where: { userId: callee.id } })).toBe(0);
  await context.close();
});

test("a browser with notifications blocked is told where to allow them", async ({ browser }) => {
  const { callee } = await createPair("Sarah", "John");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await loginViaApi(context, callee.email, callee.password);
  const page = await context.newPage();
  // What a member who once said "Block" sees.
  await page.addInitScript(() => Object.defineProperty(Notification, "permission", { get: () => "denied" }));
  await page.goto("/dashboard");
  await page.getByTestId("dnd").getByRole("button", { name: /Calls on/ }).click();
  const setting = page.getByTestId("push-alerts");
  await expect(setting).toHaveAttribute("data-state", "blocked");
  await expect(setting).toContainText("Notifications are blocked for Meetcute. Allow them in your browser's site settings");
  await expect(setting.getByRole("switch")).toHaveCount(0);
  await context.close();
});

test("on an iPhone outside an installed app, the offer explains Add to Home Screen", async ({ browser }) => {
  const { callee } = await createPair("Sarah", "John");
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  await loginViaApi(context, callee.email, callee.password);
  // Safari in a tab has no Push API: iOS gives it to Home Screen apps only.
  await context.addInitScript(() => {
    delete (window as { PushManager?: unknown }).PushManager;
  });
  const page = await context.newPage();
  const match = await db.match.findFirstOrThrow({ where: { OR: [{ userAId: callee.id }, { userBId: callee.id }] } });
  await page.goto(`/matches/${match.id}`);
  const offer = page.getByTestId("push-offer");
  await expect(offer).toHaveAttribute("data-state", "ios-install");
  await expect(offer).toContainText("tap Share → Add to Home Screen");
  await expect(offer.getByRole("button", { name: "Turn on call alerts" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/push-offer-iphone.png", fullPage: true });
  await offer.getByRole("button", { name: "Got it" }).click();
  await expect(offer).toHaveCount(0);
  await context.close();
});
