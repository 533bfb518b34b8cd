import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { CHROMIUM_ARGS } from "./support/chromium-args";
import { createMatch, createMember, type TestMember } from "./support/db";
import { expectRemoteVideoPlaying, keepConsole } from "./support/remote-video";
import { startAppInstance } from "./support/instances";

// The camera and microphone check, and switching devices in a call without renegotiating.
//
// More than one camera: Chromium's fake capture takes `device-count=N` in the value of
// --use-fake-device-for-media-stream, and enumerateDevices() then lists `fake_device_0` … each a
// fake capture device with its own deviceId (checked with Debian's Chromium 156). The fake devices
// take pixel formats in turn: I420, Y16, MJPEG. The Y16 one (`fake_device_1`, a depth format)
// shows black and sends no video over WebRTC, so the journeys switch between `fake_device_0`
// (I420) and `fake_device_2` (MJPEG, decoded like a real USB webcam's): device-count=3. No canvas
// stand-in is needed. The fake audio stack always lists three microphones ("Fake Default Audio
// Input", "Fake Audio Input 1" and 2) and three outputs, so the speaker picker (setSinkId) is
// there too. The fake microphone beeps (20 ms every 500 ms), which is what moves the level meter.
//
// The page's RTCPeerConnection is not reachable from a test, so an init script keeps each one
// the page creates in window.__pcs (a subclass: nothing about it changes) to read the senders'
// tracks and the SDP.

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS.filter((a) => a !== "--use-fake-device-for-media-stream"), "--use-fake-device-for-media-stream=device-count=3"],
  },
});

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const SCREENSHOTS = "e2e/screenshots";

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }, baseURL?: string) {
  const context = await browser.newContext({ viewport, ...(baseURL ? { baseURL } : {}) });
  await context.addInitScript(() => {
    // When the self-view gets its stream (performance.now()): where the device check's 2 s start.
    const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, "srcObject")!;
    Object.defineProperty(HTMLMediaElement.prototype, "srcObject", {
      ...srcObject,
      set(this: HTMLMediaElement, stream: MediaStream | null) {
        const w = window as unknown as { __streamAt?: number };
        if (stream && this.dataset.testid === "local-video") w.__streamAt ??= performance.now();
        srcObject.set!.call(this, stream);
      },
    });
    const Base = window.RTCPeerConnection;
    const pcs: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
    window.RTCPeerConnection = class extends Base {
      constructor(config?: RTCConfiguration) {
        super(config);
        pcs.push(this);
      }
    };
  });
  await loginViaApi(context, member.email, member.password);
  const page = await context.newPage();
  keepConsole(page);
  return { context, page };
}

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize() ?? LAPTOP;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}x${height}.png` });
}

/** The device a <video>'s stream is capturing from, for one kind. */
const capturing = (page: Page, kind: "audio" | "video") =>
  page.getByTestId("local-video").evaluate((v: HTMLVideoElement, k) => (v.srcObject as MediaStream | null)?.getTracks().find((t) => t.kind === k)?.getSettings().deviceId ?? null, kind);

/** What the page's peer connection sends, per kind (the sender's track's device), and its SDP. */
// A description without its ICE candidates: trickled candidates (a late TCP host candidate on a
// loaded machine) are added to the description in place, without any renegotiation, so they are
// no evidence of one. An offer/answer would change the rest: the o= line's session version, the
// ICE credentials, the m-lines, the directions.
const sending = (page: Page) =>
  page.evaluate(() => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!;
    const of = (k: string) => pc.getSenders().find((s) => s.track?.kind === k)?.track;
    const negotiated = (sdp: string | undefined) => sdp?.split("\r\n").filter((l) => !l.startsWith("a=candidate:") && l !== "a=end-of-candidates").join("\r\n") ?? null;
    return {
      video: of("video")?.getSettings().deviceId ?? null,
      audio: of("audio")?.getSettings().deviceId ?? null,
      videoLive: of("video")?.readyState === "live",
      audioLive: of("audio")?.readyState === "live",
      local: negotiated(pc.localDescription?.sdp),
      remote: negotiated(pc.remoteDescription?.sdp),
      signaling: pc.signalingState,
    };
  });

const selfViewPlaying = (page: Page) =>
  page.getByTestId("local-video").evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.currentTime > 0);

const meterLevel = (page: Page) => page.getByTestId("mic-level").first().getAttribute("aria-valuenow").then(Number);

/** Starts the call with the match list's call button; the call page's session id. */
async function callFromMatches(page: Page): Promise<string> {
  await page.goto("/matches");
  await page.getByRole("button", { name: "Start Video Call 💕" }).click();
  await page.waitForURL(/\/call\/[0-9a-f-]{36}$/);
  return page.url().split("/call/")[1]!;
}

for (const viewport of [PHONE, LAPTOP]) {
  test(`device check at ${viewport.width}x${viewport.height}: from the header menu, a live self-view and mic level within 2 s, the cameras to pick from, and the pick is remembered`, async ({ browser }) => {
    const member = await createMember("Nora");
    const { context, page } = await signedIn(browser, member, viewport);
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Calls on. Pause calls" }).click();
    await page.getByRole("link", { name: "Check camera and microphone" }).click();
    await expect(page).toHaveURL(/\/devices$/);
    await expect(page.getByRole("heading", { name: "Camera and microphone check" })).toBeVisible();

    // From the moment the self-view gets the camera's stream (recorded by the init script):
    // frames in it and the meter above zero within 2 s. Timed inside the page (performance.now(),
    // checked every 20 ms), so Playwright's round trips to a renderer starved by a loaded 2-core
    // machine don't count; the page's own start (hydration, the permission) is not what this measures.
    const timing = await page.waitForFunction(
      () => {
        const w = window as unknown as { __streamAt?: number; __frames?: number; __level?: number };
        const video = document.querySelector<HTMLVideoElement>('[data-testid="local-video"]');
        if (!video || w.__streamAt === undefined) return false;
        const now = performance.now();
        if (video.videoWidth > 0 && video.currentTime > 0) w.__frames ??= now - w.__streamAt;
        if (Number(document.querySelector('[data-testid="mic-level"]')?.getAttribute("aria-valuenow")) > 0) w.__level ??= now - w.__streamAt;
        return w.__frames !== undefined && w.__level !== undefined && { frames: w.__frames, level: w.__level };
      },
      undefined,
      { polling: 20, timeout: 15_000 },
    );
    const { frames, level } = (await timing.jsonValue()) as { frames: number; level: number };
    console.log(`device check ${viewport.width}px: first frames ${Math.round(frames)} ms, mic level above zero ${Math.round(level)} ms after the stream`);
    expect(frames).toBeLessThanOrEqual(2_000);
    expect(level).toBeLessThanOrEqual(2_000);
    await expect(page.getByText("All set: your next call uses these.")).toBeVisible();

    const camera = page.getByLabel("Camera", { exact: true });
    const cameras = await camera.locator("option").evaluateAll((os) => os.map((o) => ({ id: (o as HTMLOptionElement).value, label: o.textContent })));
    expect(cameras.map((c) => c.label)).toEqual(["fake_device_0", "fake_device_1", "fake_device_2"]);
    await expect(page.getByLabel("Microphone", { exact: true }).locator("option")).toHaveCount(3);
    await expect(page.getByLabel("Speaker", { exact: true }).locator("option")).toHaveCount(3);
    await expect(page.getByRole("button", { name: "Play a test sound" })).toBeVisible();
    expect(await capturing(page, "video")).toBe(cameras[0]!.id);

    await camera.selectOption(cameras[2]!.id);
    await expect.poll(() => capturing(page, "video")).toBe(cameras[2]!.id);
    await expect.poll(() => selfViewPlaying(page)).toBe(true);
    await page.getByRole("button", { name: "Play a test sound" }).click();
    await expect(page.getByRole("button", { name: "Play a test sound" })).toBeEnabled();
    await screenshot(page, "device-check");

    // Remembered on this device: a fresh page opens the chosen camera.
    await page.reload();
    await expect.poll(() => capturing(page, "video"), { timeout: 15_000 }).toBe(cameras[2]!.id);
    await expect(camera).toHaveValue(cameras[2]!.id);
    await context.close();
  });
}

test("the caller's ringing screen is a device check: pickers, a live mic level, switching camera while it rings", async ({ browser }) => {
  const caller = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("Alex", { gender: "man", interestedIn: ["woman"] });
  await createMatch(caller, callee, "matched");
  test.setTimeout(180_000);
  // Nobody answers here, and Maya tries her devices while it rings: on an instance of its own with
  // the real 45 s ring (the journeys' 12 s ran out on the ringing screen at load 20).
  const app = await startAppInstance({ env: { RING_TIMEOUT_SECONDS: "45" } });
  try {
    const maya = await signedIn(browser, caller, PHONE, app.baseURL);
    await callFromMatches(maya.page);
    await expect(maya.page.getByRole("heading", { name: `Calling ${callee.name}…` })).toBeVisible();
    await maya.page.getByRole("button", { name: "Check camera & mic" }).click();
    const check = maya.page.getByRole("region", { name: "Camera and microphone check" });
    await expect(check).toBeVisible();
    await expect.poll(() => meterLevel(maya.page), { timeout: 5_000, intervals: [50] }).toBeGreaterThan(0);
    const camera = check.getByLabel("Camera", { exact: true });
    await expect(camera.locator("option")).toHaveCount(3);
    const other = await camera.locator("option", { hasText: "fake_device_2" }).getAttribute("value");
    await camera.selectOption(other!);
    await expect.poll(() => capturing(maya.page, "video")).toBe(other);
    await screenshot(maya.page, "call-ringing-device-check");
    await maya.page.getByRole("button", { name: "Cancel" }).click();
    await expect(maya.page.getByRole("heading", { name: "Call cancelled" })).toBeVisible();
    await maya.context.close();
  } finally {
    await app.stop();
  }
});

test("switching camera and microphone mid-call replaces the sender's track: the chosen device is sent, the SDP is unchanged, the other side keeps getting frames; an unplugged camera falls back to the other", async ({ browser }) => {
  const caller = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("Alex", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(caller, callee, "matched");
  // Two video pages and several switches: generous on a loaded 2-core machine.
  test.setTimeout(180_000);
  await switchingJourney(browser, caller, callee, match.id);
});

async function switchingJourney(browser: Browser, caller: TestMember, callee: TestMember, matchId: number) {
  const maya = await signedIn(browser, caller, LAPTOP);
  const alex = await signedIn(browser, callee, PHONE);

  // Alex chose his second camera on the device check earlier: his calls use it.
  await alex.page.goto("/devices");
  const alexCamera = alex.page.getByLabel("Camera", { exact: true });
  await expect(alexCamera.locator("option")).toHaveCount(3);
  const [front, , back] = await alexCamera.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await alexCamera.selectOption(back!);
  await expect.poll(() => capturing(alex.page, "video")).toBe(back);

  // Maya calls from her matches, as members do, and Alex answers at once (the journeys ring 12 s).
  const sessionId = await callFromMatches(maya.page);
  // Alex answers (one click on Join: the answer, then the call page) on the remembered camera.
  const joined = await alex.page.request.post(`/api/video/sessions/${sessionId}/join`, { data: {} });
  expect(joined.status(), await joined.text()).toBe(200);
  await alex.page.goto(`/call/${sessionId}`);
  await Promise.all([expectRemoteVideoPlaying(maya.page), expectRemoteVideoPlaying(alex.page)]);
  await expect.poll(async () => (await sending(alex.page)).video).toBe(back);

  const mayaBefore = await sending(maya.page);
  const alexBefore = await sending(alex.page);
  expect(mayaBefore.signaling).toBe("stable");
  const mayaCameras = await maya.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "videoinput" && d.label !== "fake_device_1").map((d) => d.deviceId));
  const mics = await maya.page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "audioinput").map((d) => ({ id: d.deviceId, label: d.label })));
  const otherCamera = mayaCameras.find((id) => id !== mayaBefore.video)!;
  const otherMic = mics.find((m) => m.label === "Fake Audio Input 1")!;

  // Maya switches camera and microphone from the device menu.
  await maya.page.getByRole("button", { name: "Devices" }).click();
  const menu = maya.page.getByRole("dialog", { name: "Camera, microphone and speaker" });
  await expect(menu).toBeVisible();
  await screenshot(maya.page, "call-device-menu");
  await menu.getByLabel("Camera", { exact: true }).selectOption(otherCamera);
  await expect.poll(async () => (await sending(maya.page)).video).toBe(otherCamera);
  await menu.getByLabel("Microphone", { exact: true }).selectOption(otherMic.id);
  await expect.poll(async () => (await sending(maya.page)).audio).toBe(otherMic.id);
  expect(await capturing(maya.page, "video")).toBe(otherCamera);

  // Alex flips his camera (front/back) from his menu.
  await alex.page.getByRole("button", { name: "Devices" }).click();
  await alex.page.getByRole("button", { name: "Switch camera" }).click();
  await expect.poll(async () => (await sending(alex.page)).video).toBe(front);
  await screenshot(alex.page, "call-device-menu");

  // No renegotiation: both sides' descriptions are the ones from before, and the pictures go on.
  const mayaAfter = await sending(maya.page);
  const alexAfter = await sending(alex.page);
  expect(mayaAfter).toMatchObject({ local: mayaBefore.local, remote: mayaBefore.remote, signaling: "stable", videoLive: true, audioLive: true });
  expect(alexAfter).toMatchObject({ local: alexBefore.local, remote: alexBefore.remote, signaling: "stable", videoLive: true });
  await Promise.all([expectRemoteVideoPlaying(alex.page), expectRemoteVideoPlaying(maya.page)]);
  await expect(maya.page.getByTestId("call-state")).toHaveText("Connected");

  // Choices made in the call are remembered for the next one.
  const remembered = await maya.page.evaluate(() => JSON.parse(localStorage.getItem("meetcute.devices") ?? "{}") as Record<string, { deviceId: string }>);
  expect(remembered.camera?.deviceId).toBe(otherCamera);
  expect(remembered.microphone?.deviceId).toBe(otherMic.id);

  // Maya's camera is unplugged. Chromium's fake devices can't be removed, so the page's own
  // view of it is: enumerateDevices() stops listing it and `devicechange` fires, as when a USB
  // camera is pulled. The call moves to the camera left, says so, and still renegotiates nothing.
  await maya.page.keyboard.press("Escape");
  await maya.page.evaluate((gone) => {
    const md = navigator.mediaDevices;
    const listed = md.enumerateDevices.bind(md);
    md.enumerateDevices = async () => (await listed()).filter((d) => d.deviceId !== gone);
    md.dispatchEvent(new Event("devicechange"));
  }, otherCamera);
  await expect(maya.page.getByText(`Your camera was disconnected. Now using fake_device_`)).toBeVisible();
  await expect.poll(async () => (await sending(maya.page)).video).toBe(mayaBefore.video);
  expect(await sending(maya.page)).toMatchObject({ local: mayaBefore.local, remote: mayaBefore.remote, videoLive: true });
  await expectRemoteVideoPlaying(alex.page);
  await screenshot(maya.page, "call-camera-unplugged");

  await maya.page.getByRole("button", { name: "End call" }).click();
  const backToMatch = new RegExp(`/matches/${matchId}$`);
  await Promise.all([expect(maya.page).toHaveURL(backToMatch), expect(alex.page).toHaveURL(backToMatch)]);
  await Promise.all([maya.context.close(), alex.context.close()]);
}
