// How soon a callee can answer: a call rings, the dashboard loads on Lighthouse's mobile profile
// (applied for real here: 4× slower CPU and Lighthouse's slow-4G figures through DevTools), and a
// tap on Join is tried from the moment the button exists until the card answers "Joining…".
// Times are from the navigation's start (performance.now() in the page), as Lighthouse counts.
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS } from "./audit";

/** Lighthouse's DevTools throttling for its mobile profile (constants.throttling.mobileSlow4G). */
const SLOW_4G = { latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 0.9 * 1024) / 8, uploadThroughput: (750 * 0.9 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

export interface JoinTiming {
  /** The Join button first in the DOM. */
  cardMs: number;
  /** The card showed "Joining…": the tap was handled. */
  respondedMs: number;
  /** The page's load event ended. */
  loadMs: number;
  /** Taps it took (a tap while the card still bounces in can miss the button). */
  taps: number;
}

// Runs in the page before its own scripts: note when the button appears and when it answers.
const WATCH = `(() => {
  const seen = {};
  window.__joinTiming = seen;
  new MutationObserver(() => {
    const button = [...document.querySelectorAll("[data-testid=incoming-call] button")].find((b) => /Join Call|Joining/.test(b.textContent));
    if (!button) return;
    seen.card ??= performance.now();
    if (/Joining/.test(button.textContent)) seen.responded ??= performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export async function timeJoin(chromePath: string, base: string, cookie: string): Promise<JoinTiming> {
  const browser = await chromium.launch({ executablePath: chromePath, args: CHROMIUM_FLAGS.filter((f) => f !== "--headless=new") });
  try {
    // Lighthouse's mobile screen (a Moto G Power).
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: base }]);
    // The measurement ends at "Joining…"; the call page it would open is not part of it.
    await context.route("**/api/video/sessions/*/join", (route) => route.abort());
    const page = await context.newPage();
    await page.addInitScript(WATCH);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW_4G });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(`${base}/dashboard`, { waitUntil: "commit" });
    const taps = await tapUntilJoining(page);
    await page.waitForFunction(() => performance.getEntriesByType("navigation")[0]?.toJSON().loadEventEnd > 0, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({
      ...(window as unknown as { __joinTiming: { card: number; responded: number } }).__joinTiming,
      load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    return { cardMs: t.card, respondedMs: t.responded, loadMs: t.load, taps };
  } finally {
    await browser.close();
  }
}

async function tapUntilJoining(page: Page): Promise<number> {
  const join = page.getByTestId("incoming-call").getByRole("button", { name: /Join Call|Joining/ });
  await join.waitFor({ state: "attached", timeout: 60_000 });
  for (let taps = 1; taps <= 100; taps++) {
    // force: tap where the button is now, without waiting for the card's bounce to settle.
    await join.tap({ force: true, timeout: 5_000 }).catch(() => {});
    if (await page.evaluate(() => Boolean((window as unknown as { __joinTiming: { responded?: number } }).__joinTiming.responded))) return taps;
    await page.waitForTimeout(50);
  }
  throw new Error("the Join button never answered a tap");
}
