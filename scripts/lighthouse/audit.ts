// One Lighthouse run: its default mobile profile (a mid-range phone, simulated slow 4G and a
// 4× slower CPU), performance and accessibility only, in our own Chromium.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { RunMetrics } from "./stats";

/** The closed network here refuses every call home; camera and microphone are fakes. */
export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
];

export interface Browser {
  port: number;
  kill(): void;
}

export async function launchChromium(chromePath: string): Promise<Browser> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS, logLevel: "error" });
  return { port: chrome.port, kill: () => chrome.kill() };
}

/** Lighthouse finished but could not measure the page (a lost trace, no paint). */
export class LighthouseRuntimeError extends Error {}

type Audits = Record<string, { numericValue?: number; score: number | null; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;

/** Runs Lighthouse once on `url`; keeps the full report in `reportDir` when given. */
export async function audit(browser: Browser, url: string, cookie: string | null, reportFile?: string): Promise<RunMetrics> {
  const result = await lighthouse(url, {
    port: browser.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new LighthouseRuntimeError(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (reportFile) {
    mkdirSync(path.dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, typeof result.report === "string" ? result.report : result.report[0]!);
  }
  const audits = lhr.audits as unknown as Audits;
  const n = (id: string) => audits[id]?.numericValue ?? NaN;
  const resources = audits["resource-summary"]?.details?.items ?? [];
  const bytes = (type: string) => resources.find((r) => r.resourceType === type)?.transferSize ?? 0;
  const a11y = lhr.categories.accessibility!;
  return {
    performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    accessibility: Math.round((a11y.score ?? 0) * 100),
    fcpMs: n("first-contentful-paint"),
    lcpMs: n("largest-contentful-paint"),
    tbtMs: n("total-blocking-time"),
    cls: n("cumulative-layout-shift"),
    speedIndexMs: n("speed-index"),
    mainThreadMs: n("mainthread-work-breakdown"),
    bootupMs: n("bootup-time"),
    jsBytes: bytes("script"),
    totalBytes: bytes("total"),
    a11yFailures: a11y.auditRefs.filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0).map((ref) => ref.id),
  };
}
