import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its own browser here; Debian's Chromium is used instead.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install it with \`apt-get install -y chromium\` (what .ci/run does), ` +
      `or point CHROMIUM_PATH at a Chromium/Chrome executable.`,
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
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
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
      NEXTAUTH_URL: BASE_URL,
      // A production server on plain-HTTP localhost: allowed only with this opt-in (lib/env.ts).
      ALLOW_INSECURE_LOCALHOST: "1",
      NEXTAUTH_SECRET: "meetcute-e2e-secret-0123456789abcdef",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      // Short timings so ring-timeout and 60 s-cap journeys run in seconds (defaults stay 45/60).
      RING_TIMEOUT_SECONDS: process.env.E2E_RING_TIMEOUT_SECONDS ?? "12",
      FIRST_CALL_CAP_SECONDS: process.env.E2E_FIRST_CALL_CAP_SECONDS ?? "20",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
