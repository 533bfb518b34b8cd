import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { CHROMIUM_ARGS } from "./support/chromium-args";
import { createMatch, createMember } from "./support/db";
import { consoleLines, keepConsole } from "./support/remote-video";

// The camera permission really denied, as a member who tapped Block would have it: this file's
// Chromium runs without --use-fake-ui-for-media-stream (which would accept every prompt, a
// denial included), the context is granted the microphone only, and the camera is set to
// "denied" for the app's origin through the DevTools protocol (Browser.setPermission). The page
// then gets Chrome's own NotAllowedError for the camera and a working fake microphone.

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH,
    args: CHROMIUM_ARGS.filter((a) => a !== "--use-fake-ui-for-media-stream"),
  },
});

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const SCREENSHOTS = "e2e/screenshots";
// Alex is on Chrome for Android: the help names Android's own settings.
const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

// Both pages' console lines, printed when the journey fails (a fresh-clone run once saw Alex's
// call end as "Maya left" before it connected, and it never did again).
const pages: [string, Page][] = [];
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) for (const [who, page] of pages) console.log(`${who}'s console:\n${consoleLines(page).join("\n")}`);
  pages.length = 0;
});

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { width, height } = page.viewportSize() ?? LAPTOP;
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}x${height}.png` });
}

test("with the camera permission denied the device check says how to allow it, and the call goes on with audio", async ({ browser, baseURL }) => {
  const caller = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const callee = await createMember("Alex", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(caller, callee, "matched");

  const mayaContext = await browser.newContext({ viewport: LAPTOP, permissions: ["camera", "microphone"] });
  await loginViaApi(mayaContext, caller.email, caller.password);
  const maya = await mayaContext.newPage();

  const alexContext = await browser.newContext({ viewport: PHONE, userAgent: ANDROID_CHROME, isMobile: true, hasTouch: true, permissions: ["microphone"] });
  await loginViaApi(alexContext, callee.email, callee.password);
  const alex = await alexContext.newPage();
  keepConsole(maya);
  keepConsole(alex);
  pages.push(["Maya", maya], ["Alex", alex]);
  const cdp = await alexContext.newCDPSession(alex);
  await cdp.send("Browser.setPermission", { permission: { name: "camera" }, setting: "denied", origin: new URL(baseURL!).origin });

  // The device check: the blocked camera's help for Chrome on Android; the microphone still works.
  await alex.goto("/devices");
  const help = alex.getByTestId("media-problem");
  await expect(help).toContainText("Your browser is blocking your camera.", { timeout: 30_000 });
  await expect(help).toContainText("Tap the icon at the left of the address, then Permissions, and allow Camera.");
  await expect(help).toContainText("Android's Settings → Apps → Chrome → Permissions");
  await expect(alex.getByLabel("Camera", { exact: true })).toHaveValue("");
  await expect(alex.getByLabel("Camera", { exact: true }).locator("option")).toHaveText(["Blocked"]);
  await expect(alex.getByTestId("local-video").locator("..")).toContainText("No camera");
  await expect.poll(() => alex.getByTestId("mic-level").getAttribute("aria-valuenow").then(Number), { timeout: 5_000, intervals: [50] }).toBeGreaterThan(0);
  await screenshot(alex, "device-check-camera-blocked");

  // The call: Alex answers, and it goes on with his microphone.
  // Started from the match list (no full load of the call page: the journeys ring for 12 s).
  await maya.goto("/matches");
  await maya.getByRole("button", { name: "Start Video Call 💕" }).click();
  await maya.waitForURL(/\/call\/[0-9a-f-]{36}$/);
  const sessionId = maya.url().split("/call/")[1]!;
  const joined = await alex.request.post(`/api/video/sessions/${sessionId}/join`, { data: {} });
  expect(joined.status(), await joined.text()).toBe(200);
  await alex.goto(`/call/${sessionId}`);

  const notice = alex.getByTestId("media-problem");
  // Asking for both, then each alone, took over 10 s at load 26 on 2 cores.
  await expect(notice).toContainText("Your browser is blocking your camera.", { timeout: 30_000 });
  await expect(notice).toContainText("Android's Settings");
  await expect(notice).toContainText(`audio only: ${caller.name} can hear you but not see you`);
  await expect(alex.getByRole("button", { name: "Camera off" })).toBeDisabled();
  await expect(alex.getByTestId("call-state")).toHaveText("Connected", { timeout: 20_000 });
  await expect(maya.getByTestId("call-state")).toHaveText("Connected");
  // Maya hears Alex (an audio track arrives, live) and sees no picture of him; Alex sees Maya.
  await expect
    .poll(() => maya.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream | null)?.getAudioTracks().filter((t) => t.readyState === "live").length ?? 0))
    .toBe(1);
  expect(await maya.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(0);
  await expect.poll(() => alex.getByTestId("remote-video").evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  await screenshot(alex, "call-camera-denied");

  await alex.getByRole("button", { name: "End call" }).click();
  const backToMatch = new RegExp(`/matches/${match.id}$`);
  await Promise.all([expect(alex).toHaveURL(backToMatch), expect(maya).toHaveURL(backToMatch)]);
  await Promise.all([mayaContext.close(), alexContext.close()]);
});
