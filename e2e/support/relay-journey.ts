// A journey's own app instance whose calls go relay-only through a local coturn of its own
// (relay-ice, network-drop, poor-connection): started before the file's tests, stopped after them, both
// servers' output printed when a test fails. `signedIn` opens a member's browser on that instance.
import { test, type Browser, type BrowserContext } from "@playwright/test";
import { loginViaApi } from "./auth";
import type { TestMember } from "./db";
import { startAppInstance, type AppInstance } from "./instances";
import { startTurnServer, type TurnServer } from "./turn";

export function relayJourney({
  env = {},
  maxBytesPerSecond,
  startTimeoutMs,
  prepare,
}: {
  env?: Record<string, string>;
  maxBytesPerSecond?: number;
  /** How long the app instance may take to be healthy (startAppInstance's default when unset). */
  startTimeoutMs?: number;
  /** Runs on each member's browser context before they sign in (an init script, say). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}) {
  let turn: TurnServer | undefined;
  let app: AppInstance | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    turn = await startTurnServer({ maxBytesPerSecond });
    app = await startAppInstance({ timeoutMs: startTimeoutMs, env: { ...turn.appEnv, ...env } });
  });
  test.afterAll(async () => {
    await app?.stop();
    await turn?.stop();
  });
  test.afterEach(async ({}, info) => {
    if (info.status !== info.expectedStatus) console.log((turn?.output() ?? "") + (app?.output() ?? ""));
  });

  return {
    turn: () => turn!,
    async signedIn(browser: Browser, member: TestMember, viewport?: { width: number; height: number }) {
      const context = await browser.newContext({ baseURL: app!.baseURL, viewport });
      await prepare?.(context);
      await loginViaApi(context, member.email, member.password);
      return { context, page: await context.newPage() };
    },
  };
}
