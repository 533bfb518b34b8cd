import { defineConfig, devices } from "@playwright/test";
import { realSystem, resolveChromium } from "./scripts/lib/chromium";
import { freePort } from "./scripts/lib/ports";
import { appServerEnv, KEEP_ALIVE_TIMEOUT_MS } from "./e2e/support/server-env";
import { CHROMIUM_ARGS } from "./e2e/support/chromium-args";
import { fakeCameraArg } from "./e2e/support/fake-camera";

// `npm test` passes CHROMIUM_PATH (found or installed by scripts/lib/chromium.ts) and E2E_PORT
// (a free port). Run directly (`npx playwright test`), the config looks for an installed
// Chromium and takes a free port itself. Playwright loads this file again in every worker: the
// first load writes both into the environment, which the workers inherit, so all agree.
process.env.CHROMIUM_PATH ||= resolveChromium(realSystem(import.meta.dirname), { install: false });
process.env.E2E_PORT ||= String(await freePort());
// The journeys' SMTP listener runs in the Playwright worker (e2e/support/mailbox.ts); the server sends there.
process.env.E2E_SMTP_PORT ||= String(await freePort());
const chromium = process.env.CHROMIUM_PATH;
const PORT = Number(process.env.E2E_PORT);
export const BASE_URL = `http://localhost:${PORT}`;

// Pictures for people to look at, not tests: `npm run screenshots` (E2E_SCREENSHOTS=1) runs only
// these; the journeys (`npm test`) never do.
const SCREENSHOT_SPECS = ["**/screenshots.spec.ts", "**/admin-screens.spec.ts"];
const screenshots = process.env.E2E_SCREENSHOTS === "1";

// Journeys with live video, their own app servers or PostgreSQL, or sub-second ring budgets: one
// at a time, as before (two of them at once put four video-encoding pages on a 2-core machine and
// join→video went from ~2 s to up to 12 s). Every other journey uses its own members and only
// pages and the API, so it runs beside them in a second worker.
const REALTIME_SPECS = [
  "**/call-media.spec.ts",
  "**/calls-journey.spec.ts",
  "**/call-safety.spec.ts",
  "**/relay-ice.spec.ts",
  "**/network-drop.spec.ts",
  "**/vanished-member.spec.ts",
  "**/poor-connection.spec.ts",
  "**/call-sound-screen.spec.ts",
  "**/device-check.spec.ts",
  "**/camera-blocked.spec.ts",
  "**/blur-reveal.spec.ts",
  "**/ring-reach.spec.ts",
  "**/app-restart.spec.ts",
  "**/database-faults.spec.ts",
  "**/graceful-shutdown.spec.ts",
  "**/security.spec.ts",
  // Asserts rings within one poll (4 s) and card changes within a second: under a second worker
  // on 2 cores these missed their budget.
  "**/incoming-calls.spec.ts",
];
const chromiumDevice = { ...devices["Desktop Chrome"], channel: undefined };

export default defineConfig({
  testDir: "e2e",
  ...(screenshots ? { testMatch: SCREENSHOT_SPECS } : { testIgnore: SCREENSHOT_SPECS }),
  fullyParallel: false,
  // One worker by default. E2E_WORKERS=2 runs one realtime and one page journey at a time (see
  // REALTIME_SPECS), which would save the page journeys' ~135 s; but a fresh-clone run with two
  // workers, on this 2-core machine at load 8, failed app-restart, call-media and the reset
  // journey (video and restart budgets missed). Measure on an idle CI-sized machine before
  // turning it on.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  // On CI only, and a retried test still fails the run: `failOnFlakyTests` makes a pass on retry
  // count as a failure, so a flake is seen and fixed, never hidden as a pass.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    // A trace (actions, DOM snapshots, network, console) of a test's retry, on CI: a test that
    // failed once runs again with the trace on, and the run still fails (failOnFlakyTests).
    // Not of every test: recording DOM snapshots for every action cost ~15 % of the journeys' CPU
    // and time (call-media, calls-journey, incoming-calls and admin: 318 → 270 CPU-s, 168 →
    // 145 s), and the film strip a further ~30 % on the video journeys. Locally, `npm test --
    // --only=e2e <spec> --trace=on` records one. The failure screenshot stays.
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    permissions: ["camera", "microphone"],
    launchOptions: {
      executablePath: chromium,
      // The journeys' camera is a small clip (e2e/support/fake-camera.ts: 720p video took a third
      // of the 2 cores); the screenshots keep Chromium's own pattern.
      args: screenshots ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, fakeCameraArg()],
    },
  },
  projects: screenshots
    ? [{ name: "chromium", use: chromiumDevice, workers: 1 }]
    : [
        { name: "realtime", use: chromiumDevice, testMatch: REALTIME_SPECS, workers: 1 },
        { name: "pages", use: chromiumDevice, testIgnore: [...REALTIME_SPECS, ...SCREENSHOT_SPECS], workers: 1 },
      ],
  webServer: {
    command: `node_modules/.bin/next start --port ${PORT} --keepAliveTimeout ${KEEP_ALIVE_TIMEOUT_MS}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "pipe",
    env: appServerEnv(BASE_URL),
  },
});
