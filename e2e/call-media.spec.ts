import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, createPair, db, type TestMember } from "./support/db";
import { expectRemoteVideoPlaying } from "./support/remote-video";

// The call itself, between two real browser contexts with Chromium's fake camera and mic, on the
// direct-WebRTC path (no LiveKit server here). The calls are started and answered through the
// API, as the match page and the incoming-call notification would; their own journeys cover those.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const SCREENSHOTS = "e2e/screenshots";

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  await loginViaApi(context, member.email, member.password);
  return { context, page: await context.newPage() };
}

async function startCall(page: Page, matchId: number): Promise<string> {
  const res = await page.request.post("/api/video/start-call", { data: { match_id: matchId } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { session_id: string }).session_id;
}

async function join(page: Page, sessionId: string) {
  const res = await page.request.post(`/api/video/sessions/${sessionId}/join`, { data: {} });
  expect(res.status(), await res.text()).toBe(200);
}

/** When the remote <video> first shows a real picture (Date.now() in the test process). */
async function firstRemoteFrameAt(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
      return !!v && v.videoWidth > 0 && v.currentTime > 0;
    },
    undefined,
    { polling: 50, timeout: 20_000 },
  );
  return Date.now();
}

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize() ?? DESKTOP;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}x${height}.png` });
}

test("Sarah calls John: each sees the other's video, and the first-call cap ends it for both on the decision screen", async ({ browser }) => {
  const { caller, callee, match } = await createPair();
  // One phone and one laptop, so both layouts are exercised.
  const sarah = await signedIn(browser, caller, PHONE);
  const john = await signedIn(browser, callee, DESKTOP);

  const sessionId = await startCall(sarah.page, match.id);
  await sarah.page.goto(`/call/${sessionId}`);
  await expect(sarah.page.getByRole("heading", { name: `Calling ${callee.name}…` })).toBeVisible();
  await expect(sarah.page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await screenshot(sarah.page, "call-ringing");

  const joinedAt = Date.now();
  await join(john.page, sessionId);
  const [sarahSees, johnSees] = await Promise.all([
    firstRemoteFrameAt(sarah.page),
    john.page.goto(`/call/${sessionId}`).then(() => firstRemoteFrameAt(john.page)),
  ]);
  console.log(`join → remote video: caller (Sarah) ${sarahSees - joinedAt} ms, callee (John) ${johnSees - joinedAt} ms`);

  for (const [page, other] of [
    [sarah.page, callee.name],
    [john.page, caller.name],
  ] as const) {
    await expectRemoteVideoPlaying(page);
    await expect(page.getByTestId("call-state")).toHaveText("Connected");
    await expect(page.getByRole("heading", { name: other })).toBeVisible();
    await expect(page.getByTestId("call-countdown")).toHaveText(/^0:[0-2]\d$/);
    await expect(page.getByRole("button", { name: "End call" })).toBeVisible();
    await expect(page.getByTestId("local-video")).toHaveJSProperty("muted", true);
  }
  await screenshot(sarah.page, "call-connected");
  await screenshot(john.page, "call-connected");

  // The cap (20 s in the journeys) ends the call for both, and both go to decide.
  const decide = new RegExp(`/matches/${match.id}/decide$`);
  await Promise.all([expect(sarah.page).toHaveURL(decide, { timeout: 30_000 }), expect(john.page).toHaveURL(decide, { timeout: 30_000 })]);
  const session = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
  // Ended by the cap, whichever page's countdown reached zero first: neither is told the other
  // ended it (a page's zero can come a moment before the server's; lib/calls/rules.ts endsAtCap).
  expect(session).toMatchObject({ status: "completed", endReason: "cap", endedById: null });
  for (const page of [sarah.page, john.page]) await expect(page.getByText(/ended the call/)).toHaveCount(0);
  // Cut off at the cap: not later, and not noticeably earlier either.
  const lasted = session.endedAt!.getTime() - session.answeredAt!.getTime();
  expect(lasted).toBeLessThanOrEqual(20_000);
  expect(lasted).toBeGreaterThanOrEqual(19_000);
  expect((await db.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  await Promise.all([sarah.context.close(), john.context.close()]);
});

test("with the camera blocked the call goes on with audio, and hanging up ends it for both", async ({ browser }) => {
  const caller = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("Alex", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(caller, callee, "matched");
  const maya = await signedIn(browser, caller, DESKTOP);
  const alex = await signedIn(browser, callee, PHONE);
  // Alex has blocked the camera for the site (what a denied permission looks like to the page).
  await alex.context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (c) => (c?.video ? Promise.reject(new DOMException("Permission denied", "NotAllowedError")) : real(c));
  });

  const sessionId = await startCall(maya.page, match.id);
  await maya.page.goto(`/call/${sessionId}`);
  await join(alex.page, sessionId);
  await alex.page.goto(`/call/${sessionId}`);

  const notice = alex.page.getByTestId("media-problem");
  await expect(notice).toContainText("Your browser is blocking your camera.");
  await expect(notice).toContainText("site's settings");
  await expect(notice).toContainText(`audio only: ${caller.name} can hear you but not see you`);
  await expect(alex.page.getByRole("button", { name: "Camera off" })).toBeDisabled();
  // Alex still sees Maya; Maya gets Alex's sound, and his photo stands in for the picture.
  await firstRemoteFrameAt(alex.page);
  await expectRemoteVideoPlaying(alex.page);
  await expect(maya.page.getByTestId("call-state")).toHaveText("Connected");
  await expect
    .poll(() => maya.page.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getAudioTracks().length ?? 0))
    .toBe(1);
  expect(await maya.page.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(0);
  await expect(maya.page.getByTestId("call-countdown")).toHaveCount(0); // repeat calls have no cap
  await screenshot(alex.page, "call-camera-blocked");
  await screenshot(maya.page, "call-audio-only");

  // Mute and camera off are toggles the page reports, and they silence what is actually sent.
  const sending = (kind: "audio" | "video") =>
    maya.page.getByTestId("local-video").evaluate((v: HTMLVideoElement, k) => (v.srcObject as MediaStream).getTracks().find((t) => t.kind === k)?.enabled, kind);
  for (const [name, kind] of [["Mute", "audio"], ["Camera off", "video"]] as const) {
    const toggle = maya.page.getByRole("button", { name });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(await sending(kind)).toBe(false);
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(await sending(kind)).toBe(true);
  }

  await alex.page.getByRole("button", { name: "End call" }).click();
  const backToMatch = new RegExp(`/matches/${match.id}$`);
  await Promise.all([expect(alex.page).toHaveURL(backToMatch), expect(maya.page).toHaveURL(backToMatch)]);
  const session = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
  expect(session).toMatchObject({ status: "completed", endedById: callee.id });
  await Promise.all([maya.context.close(), alex.context.close()]);
});

test("the caller cancels while it rings and sees the call ended", async ({ browser }) => {
  const { caller, callee, match } = await createPair();
  const sarah = await signedIn(browser, caller, DESKTOP);
  const sessionId = await startCall(sarah.page, match.id);
  await sarah.page.goto(`/call/${sessionId}`);
  await expect(sarah.page.getByRole("heading", { name: `Calling ${callee.name}…` })).toBeVisible();
  await screenshot(sarah.page, "call-ringing");

  await sarah.page.getByRole("button", { name: "Cancel" }).click();

  await expect(sarah.page.getByRole("heading", { name: "Call cancelled" })).toBeVisible();
  await expect(sarah.page.getByRole("link", { name: "Back to matches" })).toHaveAttribute("href", "/matches");
  expect((await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("cancelled");
  await sarah.context.close();
});

test("someone who is not in the call gets a 404 for its page", async ({ browser }) => {
  const { caller, match } = await createPair();
  const stranger = await createMember("Eve");
  const sarah = await signedIn(browser, caller, DESKTOP);
  const eve = await signedIn(browser, stranger, DESKTOP);
  const sessionId = await startCall(sarah.page, match.id);

  const res = await eve.page.goto(`/call/${sessionId}`);
  expect(res?.status()).toBe(404);
  await expect(eve.page.getByRole("heading", { name: "This call isn't available" })).toBeVisible();
  expect((await eve.page.goto("/call/not-a-session"))?.status()).toBe(404);
  // Looking did not touch the call.
  expect((await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("ringing");
  await Promise.all([sarah.context.close(), eve.context.close()]);
});
