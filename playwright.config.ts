import { defineConfig, devices } from "@playwright/test";
import { realSystem, resolveChromium } from "./scripts/lib/chromium";
import { freePort } from "./scripts/lib/ports";
import { appServerEnv } from "./e2e/support/server-env";

// `npm test` passes CHROMIUM_PATH (found or installed by scripts/lib/chromium.ts) and E2E_PORT
// (a free port). Run directly (`npx playwright test`), the config looks for an installed
// Chromium and takes a free port itself. Playwright loads this file again in every worker: the
// first load writes both into the environment, which the workers inherit, so all agree.
process.env.CHROMIUM_PATH ||= resolveChromium(realSystem(import.meta.dirname), { install: false });
process.env.E2E_PORT ||= String(await freePort());
const chromium = process.env.CHROMIUM_PATH;
const PORT = Number(process.env.E2E_PORT);
export const BASE_URL = `http://localhost:${PORT}`;

// Pictures for people to look at, not tests: `npm run screenshots` (E2E_SCREENSHOTS=1) runs only
// these; the journeys (`npm test`) never do.
const SCREENSHOT_SPECS = ["**/screenshots.spec.ts", "**/admin-screens.spec.ts"];
const screenshots = process.env.E2E_SCREENSHOTS === "1";

export default defineConfig({
  testDir: "e2e",
  ...(screenshots ? { testMatch: SCREENSHOT_SPECS } : { testIgnore: SCREENSHOT_SPECS }),
  fullyParallel: false,
  // One at a time: journeys assert real-time budgets (notification within 3.5 s, live video), and
  // two workers put four video-encoding pages on a 2-core machine (join→video went from ~2 s to
  // up to 12 s). The whole suite still runs in a few minutes.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["camera", "microphone"],
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        // Hidden tabs must keep polling and ringing as in real browsers with a visible window.
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `node_modules/.bin/next start --port ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "pipe",
    env: appServerEnv(BASE_URL),
  },
});
