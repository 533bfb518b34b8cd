import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { CHROMIUM_ARGS } from "./support/chromium-args";
import { createMatch, createMember, type TestMember } from "./support/db";

// Sound that plays and a screen that stays on. A browser that refuses to start sound before
// the page has had a tap (Safari always; Chrome without a prior tap) must get a button from the
// call page, and one tap must start the sound. Chrome lets a page that is capturing the camera or
// microphone play sound, so the member who sees the button in Chrome is one whose camera and mic
// are blocked (listening only); Safari shows it to everyone. John's page gets that refusal from
// refuseSoundBeforeATap() below, Sarah's browser runs Chrome's stricter policy. Headless Chromium
// has no screen to keep on, so `navigator.wakeLock` is a recording stand-in.

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--autoplay-policy=document-user-activation-required"],
  },
});

/**
 * Safari's rule (and Chrome's without a prior tap) for John's page, applied to play() itself:
 * sound from a call's stream may start only after a real tap or click on the page. Chromium's own
 * policy can't be relied on here: its user-activation flag was already set on these pages before
 * any input (seen through CDP without a gesture; Playwright's evaluations carry one), so the
 * refusal is stood in for, like the wake lock below. Input that Playwright sends is trusted.
 */
function refuseSoundBeforeATap() {
  let tapped = false;
  const tap = (e: Event) => {
    if (e.isTrusted) tapped = true;
  };
  addEventListener("pointerdown", tap, true);
  addEventListener("keydown", tap, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (this.srcObject && !this.muted && !tapped) return Promise.reject(new DOMException("play() failed because the user didn't interact with the document first.", "NotAllowedError"));
    return play.call(this);
  };
}

type WakeLockLog = { requests: number; releases: number; held: number; dropAll: () => void };

/** A wake lock that records requests and releases; dropAll() is what the browser does when the page is hidden. */
function stubWakeLock() {
  const held = new Set<EventTarget & { released: boolean }>();
  const log = {
    requests: 0,
    releases: 0,
    get held() {
      return held.size;
    },
    dropAll() {
      for (const s of held) {
        s.released = true;
        s.dispatchEvent(new Event("release"));
      }
      held.clear();
    },
  };
  (window as unknown as { __wakeLock: typeof log }).__wakeLock = log;
  Object.defineProperty(Navigator.prototype, "wakeLock", {
    configurable: true,
    get: () => ({
      request: async (type: string) => {
        log.requests++;
        const sentinel = Object.assign(new EventTarget(), {
          type,
          released: false,
          onrelease: null,
          release: async () => {
            if (sentinel.released) return;
            sentinel.released = true;
            held.delete(sentinel);
            log.releases++;
            sentinel.dispatchEvent(new Event("release"));
          },
        });
        held.add(sentinel);
        return sentinel;
      },
    }),
  });
}

const wakeLock = (page: Page) =>
  page.evaluate(() => {
    const l = (window as unknown as { __wakeLock: WakeLockLog }).__wakeLock;
    return { requests: l.requests, releases: l.releases, held: l.held };
  });

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(stubWakeLock);
  await loginViaApi(context, member.email, member.password);
  return { context, page: await context.newPage() };
}

const remote = (page: Page) =>
  page.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => ({ muted: v.muted, paused: v.paused, time: v.currentTime, width: v.videoWidth }));

test("autoplay refused: 'Tap to hear' appears, one tap starts the other's sound; the screen stays on for the call and is let go at the end", async ({ browser }) => {
  const caller = await createMember("Sarah", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("John", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(caller, callee, "matched");
  const sarah = await signedIn(browser, caller, { width: 1280, height: 800 });
  const john = await signedIn(browser, callee, { width: 390, height: 844 });
  // John has blocked camera and microphone: his page captures nothing, so his browser holds his sound back.
  await john.context.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  });
  await john.context.addInitScript(refuseSoundBeforeATap);

  // Both pages are warm before the call rings: the ring lasts 12 s under test, on every
  // instance (each instance's sweeper ends a ring by its own RING_TIMEOUT_SECONDS).
  await Promise.all([sarah.page.goto("/dashboard"), john.page.goto("/dashboard")]);
  const started = await sarah.page.request.post("/api/video/start-call", { data: { match_id: match.id } });
  expect(started.status(), await started.text()).toBe(200);
  const sessionId = ((await started.json()) as { session_id: string }).session_id;
  await sarah.page.goto(`/call/${sessionId}`);
  await expect(sarah.page.getByRole("heading", { name: `Calling ${callee.name}…` })).toBeVisible();
  expect((await wakeLock(sarah.page)).requests).toBe(0); // not while it only rings
  await john.page.goto(`/call/${sessionId}`);

  // John's page had no tap: the picture plays muted, and the button names Sarah.
  await expect(john.page.getByRole("button", { name: `Tap to hear ${caller.name}` })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await remote(john.page)).width).toBeGreaterThan(0);
  expect(await remote(john.page)).toMatchObject({ muted: true, paused: false });
  // Sarah's page: John sends nothing (no camera, no mic), so there is no sound to start and no button.
  await expect(sarah.page.getByTestId("call-state")).toHaveText("Connected", { timeout: 30_000 });
  await expect(sarah.page.getByTestId("tap-to-hear")).toHaveCount(0);
  // Connected: both screens are kept on.
  for (const page of [sarah.page, john.page]) await expect.poll(async () => (await wakeLock(page)).held).toBe(1);
  await john.page.screenshot({ path: "e2e/screenshots/call-tap-to-hear-390x844.png" });
  await sarah.page.screenshot({ path: "e2e/screenshots/call-tap-to-hear-1280x800.png" });

  await john.page.getByRole("button", { name: `Tap to hear ${caller.name}` }).click();
  await expect(john.page.getByTestId("tap-to-hear")).toHaveCount(0);
  const after = await remote(john.page);
  expect(after).toMatchObject({ muted: false, paused: false });
  await expect.poll(async () => (await remote(john.page)).time, { timeout: 5_000 }).toBeGreaterThan(after.time + 0.5);

  // The browser lets go of the lock when the page is hidden; visible again, the page takes it back.
  const before = await wakeLock(john.page);
  await john.page.evaluate(() => {
    (window as unknown as { __wakeLock: WakeLockLog }).__wakeLock.dropAll();
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect.poll(async () => (await wakeLock(john.page)).requests).toBe(before.requests + 1);
  expect((await wakeLock(john.page)).held).toBe(1);

  // Ending the call releases it on both sides.
  await john.page.getByRole("button", { name: "End call" }).click();
  const backToMatch = new RegExp(`/matches/${match.id}$`);
  await Promise.all([expect(john.page).toHaveURL(backToMatch), expect(sarah.page).toHaveURL(backToMatch)]);
  for (const page of [john.page, sarah.page]) {
    const l = await wakeLock(page);
    expect(l.held).toBe(0);
    expect(l.releases).toBeGreaterThanOrEqual(1);
  }
  await Promise.all([sarah.context.close(), john.context.close()]);
});
