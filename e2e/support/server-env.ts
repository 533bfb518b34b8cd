// The environment of an app server under test: the journeys' own (playwright.config.ts) and any
// extra instance a journey starts (instances.ts) run with exactly the same settings.
import webpush from "web-push";

// `next start` runs in production mode, where Web Push needs configured VAPID keys. Generated
// once, in the runner that loads the config first; its worker processes inherit them through the
// environment, so every instance signs pushes with the same keys.
if (!process.env.VAPID_PUBLIC_KEY || !process.env.VAPID_PRIVATE_KEY) {
  const vapid = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = vapid.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapid.privateKey;
}

/**
 * `next start --keepAliveTimeout` for every journey server: longer than any test runs (the
 * longest timeout is 240 s), so the server never closes a socket a test's client may still use.
 * With Node's default (5 s) the server closed idle sockets on its own clock while Playwright's
 * request contexts kept them: their `http.Agent({ keepAlive: true })` has no `timeout`, and
 * Node 20's agent then ignores the server's `Keep-Alive: timeout=5` hint (it only ever shortens
 * a timeout the agent already has). A request sent as the server closed the socket died with
 * ECONNRESET (the admin journey, once). Each context closes its own sockets when it closes.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 300_000;

export const E2E_NEXTAUTH_SECRET = "meetcute-e2e-secret-0123456789abcdef";

export function appServerEnv(baseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
    NEXTAUTH_URL: baseUrl,
    // A production server on plain-HTTP localhost: allowed only with this opt-in (lib/env.ts).
    ALLOW_INSECURE_LOCALHOST: "1",
    NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
    // Short timings so ring-timeout and 60 s-cap journeys run in seconds (defaults stay 45/60).
    RING_TIMEOUT_SECONDS: process.env.E2E_RING_TIMEOUT_SECONDS ?? "12",
    FIRST_CALL_CAP_SECONDS: process.env.E2E_FIRST_CALL_CAP_SECONDS ?? "20",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    VAPID_PUBLIC_KEY: process.env.VAPID_PUBLIC_KEY!,
    VAPID_PRIVATE_KEY: process.env.VAPID_PRIVATE_KEY!,
    VAPID_SUBJECT: process.env.VAPID_SUBJECT ?? "mailto:journeys@meetcute.invalid",
    // A real SMTP listener in the Playwright worker (e2e/support/mailbox.ts).
    SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? "2525"}`,
  };
}
