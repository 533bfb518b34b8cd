import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair, db, type TestMember } from "./support/db";
import { startAppInstance, type AppInstance } from "./support/instances";

// Blur until I reveal, measured on what the other browser receives. A frame shows the camera
// clearly when it is sharp and green: sharpness is the variance of a Laplacian over a grey copy
// (a clear frame of the journeys' camera clip, e2e/support/fake-camera.ts, scores far above a frame
// that left its sender blurred), and the clip's picture is mostly green. A sender judged
// too slow to blur sends a placeholder instead — its initial on a pink-to-violet gradient: sharp,
// but not the camera — so a frame that isn't green isn't the camera either. The sharpness
// threshold is checked against a clear frame straight from the fake camera in the same run.
// The run prints which one each side sent (with the clip both usually send the blurred camera).
// The blurred camera must hold this too: a sender that blurs must never let a clear frame out.

interface Picture {
  /** Laplacian variance on a 320-px-wide grey copy; -1: no frame. */
  sharpness: number;
  /** Share of pixels where green beats red and blue (the fake camera's picture). */
  green: number;
}

/** The element's current frame (a <video>), measured. */
function pictureOf(page: Page, selector: string): Promise<Picture> {
  return page.evaluate((sel) => {
    const video = document.querySelector<HTMLVideoElement>(sel);
    if (!video || !video.videoWidth) return { sharpness: -1, green: 0 };
    const w = 320;
    const h = Math.round((320 * video.videoHeight) / video.videoWidth);
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    ctx.drawImage(video, 0, 0, w, h);
    const { data } = ctx.getImageData(0, 0, w, h);
    const grey = new Float32Array(w * h);
    let greenPixels = 0;
    for (let i = 0; i < w * h; i++) {
      const [r, g, b] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]];
      grey[i] = 0.299 * r + 0.587 * g + 0.114 * b;
      if (g > r && g > b) greenPixels++;
    }
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        const lap = grey[i - w] + grey[i + w] + grey[i - 1] + grey[i + 1] - 4 * grey[i];
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    }
    const mean = sum / n;
    return { sharpness: sumSq / n - mean * mean, green: greenPixels / (w * h) };
  }, selector);
}

/** A clear frame from the fake camera itself, in a <video> of its own on the page. */
async function clearCameraSharpness(page: Page): Promise<number> {
  await page.evaluate(async () => {
    const v = document.createElement("video");
    v.id = "clear-camera";
    v.muted = true;
    v.playsInline = true;
    v.style.cssText = "position:fixed;left:-9999px;width:320px";
    v.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    document.body.append(v);
    await v.play();
    await new Promise((r) => setTimeout(r, 300));
  });
  const { sharpness: score } = await pictureOf(page, "#clear-camera");
  await page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>("#clear-camera")!;
    (v.srcObject as MediaStream).getTracks().forEach((t) => t.stop());
    v.remove();
  });
  return score;
}

/** A clear picture of the camera: sharp, and the camera's (green), not a placeholder. */
const clearCamera = (p: Picture) => p.sharpness > SHARP_ABOVE && p.green > 0.5;

/** A few received frames (the picture keeps moving): whether any showed the camera clearly, and the last. */
async function received(page: Page): Promise<{ anyClear: boolean; last: Picture }> {
  let anyClear = false;
  let last: Picture = { sharpness: -1, green: 0 };
  for (let i = 0; i < 5; i++) {
    last = await pictureOf(page, '[data-testid="remote-video"]');
    anyClear ||= clearCamera(last);
    await page.waitForTimeout(200);
  }
  return { anyClear, last };
}

/** What this member's page says it sends while blurred: the blurred camera or, too slow, the placeholder. */
const sends = async (page: Page) =>
  (await page.getByTestId("self-blurred").textContent())?.includes("too slow") ? "placeholder" : "blurred camera";

// The journey's first call outlasts the shared server's 20-s test cap (measuring frames takes a
// few seconds each time), so it runs through an instance of its own with a longer cap. The cap
// is stored with the session, so the shared server's sweeper keeps to it too.
let app: AppInstance | undefined;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startAppInstance({ timeoutMs: 90_000, env: { FIRST_CALL_CAP_SECONDS: "120" } });
});
test.afterAll(async () => {
  await app?.stop();
});

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, baseURL: app!.baseURL });
  await loginViaApi(context, member.email, member.password);
  const page = await context.newPage();
  await page.goto("/dashboard");
  return { context, page };
}

const framesArrive = (page: Page) =>
  page.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
    return !!v && v.videoWidth > 0 && v.currentTime > 1;
  }, undefined, { timeout: 30_000 });

// Between the two kinds of frame. Measured in Chromium 156 (320-px grey copies): clear frames of
// Chromium's own fake camera 200–290, of the journeys' clip ~3,000; frames blurred by the pipeline
// before encoding 0.2–1.3; received frames are printed by each run.
const SHARP_ABOVE = 40;

test("a first call arrives blurred on the other side until its sender reveals; the other's Reveal changes nothing for one's own picture", async ({ browser }) => {
  test.setTimeout(120_000);
  const { caller, callee, match } = await createPair("Sarah", "John");
  const sarah = await signedIn(browser, caller, { width: 1280, height: 800 });
  const john = await signedIn(browser, callee, { width: 390, height: 844 });

  // The threshold holds for a clear frame of this camera.
  const clear = await clearCameraSharpness(john.page);
  expect(clear, "a clear fake-camera frame").toBeGreaterThan(SHARP_ABOVE);

  const started = await sarah.page.request.post("/api/video/start-call", { data: { match_id: match.id } });
  expect(started.status(), await started.text()).toBe(200);
  const sessionId = ((await started.json()) as { session_id: string }).session_id;
  await sarah.page.goto(`/call/${sessionId}`);
  await john.page.goto(`/call/${sessionId}`);
  await Promise.all([framesArrive(sarah.page), framesArrive(john.page)]);

  // Both start blurred: each side is told, and each receives only blurred frames.
  await expect(john.page.getByTestId("other-blurred")).toHaveText("Sarah is blurred until they reveal");
  await expect(sarah.page.getByTestId("other-blurred")).toHaveText("John is blurred until they reveal");
  await expect(john.page.getByRole("button", { name: "Reveal me" })).toBeVisible();
  // Neither receives a clear picture of the other's camera.
  const atJohn = await received(john.page);
  const atSarah = await received(sarah.page);
  console.log(
    `before reveal: clear camera ${clear.toFixed(0)}; John receives ${await sends(sarah.page)} (sharpness ${atJohn.last.sharpness.toFixed(1)}, green ${atJohn.last.green.toFixed(2)}), Sarah receives ${await sends(john.page)} (sharpness ${atSarah.last.sharpness.toFixed(1)}, green ${atSarah.last.green.toFixed(2)})`,
  );
  expect(atJohn.last.sharpness).toBeGreaterThanOrEqual(0);
  expect(atJohn.anyClear, "John received Sarah's camera clearly before she revealed").toBe(false);
  expect(atSarah.anyClear, "Sarah received John's camera clearly before he revealed").toBe(false);
  await john.page.screenshot({ path: "e2e/screenshots/call-blurred-390x844.png" });
  await sarah.page.screenshot({ path: "e2e/screenshots/call-blurred-1280x800.png" });

  // John reveals: Sarah receives his camera clearly, and her label goes; Sarah is still blurred for John.
  await john.page.getByRole("button", { name: "Reveal me" }).click();
  await expect(john.page.getByRole("button", { name: "Reveal me" })).toHaveCount(0);
  await expect(sarah.page.getByTestId("other-blurred")).toHaveCount(0);
  await expect.poll(async () => clearCamera(await pictureOf(sarah.page, '[data-testid="remote-video"]')), { timeout: 15_000 }).toBe(true);
  await expect(john.page.getByTestId("other-blurred")).toBeVisible();
  expect((await received(john.page)).anyClear).toBe(false);

  // Sarah reveals too: now John receives her camera clearly.
  await sarah.page.getByRole("button", { name: "Reveal me" }).click();
  await expect(john.page.getByTestId("other-blurred")).toHaveCount(0);
  await expect.poll(async () => clearCamera(await pictureOf(john.page, '[data-testid="remote-video"]')), { timeout: 15_000 }).toBe(true);
  const [j, s] = [await pictureOf(john.page, '[data-testid="remote-video"]'), await pictureOf(sarah.page, '[data-testid="remote-video"]')];
  console.log(`after both revealed: sharpness ${j.sharpness.toFixed(0)} (John) / ${s.sharpness.toFixed(0)} (Sarah)`);
  await john.page.screenshot({ path: "e2e/screenshots/call-revealed-390x844.png" });

  const row = await db.callSession.findUniqueOrThrow({ where: { id: sessionId }, select: { callerBlurred: true, calleeBlurred: true } });
  expect(row).toEqual({ callerBlurred: false, calleeBlurred: false });
  await Promise.all([sarah.context.close(), john.context.close()]);
});
