// npm run profile-page — where a page's main thread goes while it loads on a phone's CPU: our
// Chromium, 4× CPU throttling (Lighthouse's mobile figure), a V8 sampling profile of each load,
// and the bundle's positions mapped back to source files through a build with browser source maps
// (its own folder, .next-profile/). Prints JS self time by package, by file and by function, the
// long-task blocking of each load (the sum of each long task's time over 50 ms, as TBT counts it,
// from the navigation to 4 s after the load event) and the requests for other pages' RSC payloads.
// Not part of `npm test`; the figures are for comparing builds in one window (docs/benchmarks.md).
//
//   npm run profile-page -- /dashboard                 build, then 4 loads (and one to warm up)
//   npm run profile-page -- /signin --runs=8 --no-build --rows=60   (rows per table; 25 by default)
//   npm run profile-page -- /dashboard --dist=.next-before --no-build   a build of another commit
//   npm run profile-page -- /call/ringing              the call page as the caller sees it while it rings
//
// Member pages are loaded as the demo member Sarah, /admin… as the admin; /, /signin, /signup and
// the other signed-out pages without a session.
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright";
import { SourceMapConsumer } from "source-map";
import { SECRET } from "./bench/client";
import { buildApp, serverEnv, startApp } from "./bench/servers";
import { ROOT } from "./lib/database";
import { DEMO_PASSWORD, seedDemo } from "./lib/demo-data";
import { startMeasuringTool } from "./lib/measuring-tool";
import { firstMatchId, hangUp, ring, signIn } from "./lighthouse/session";
import { median } from "./lighthouse/stats";
import { addProfile, emptyTotals, top, type CpuProfile, type Locate, type Origin } from "./profile-page/aggregate";

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const pagePath = args.find((a) => a.startsWith("/")) ?? "/dashboard";
const runs = Number(flag("runs") ?? 4);
const dist = flag("dist") ?? ".next-profile";
const build = !args.includes("--no-build");
const rows = Number(flag("rows") ?? 25);
const SIGNED_OUT = ["/", "/signin", "/signup", "/forgot-password", "/reset-password", "/verify-email"];
const viewer = SIGNED_OUT.includes(pagePath) ? null : pagePath.startsWith("/admin") ? "admin@meetcute.test" : "sarah@meetcute.test";
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be an integer ≥ 1");

const tool = await startMeasuringTool("meetcute_profile", () => {});
try {
  await seedDemo(tool.url, { log: () => {} });
  const env = { ...serverEnv(tool.url, SECRET), NEXT_DIST_DIR: dist, MEETCUTE_BROWSER_SOURCE_MAPS: "1" };
  if (build) buildApp(env);
  else if (!existsSync(path.join(ROOT, dist, "BUILD_ID"))) throw new Error(`--no-build, but there is no build in ${dist}/`);
  const { base } = await startApp(env);
  const cookie = viewer ? await signIn(base, viewer, DEMO_PASSWORD) : null;
  // "/call/ringing": before each load Sarah calls John, and the page is her ringing call page;
  // the call is cancelled after the load. John calls back in turn: three unanswered calls in a row
  // from one caller would hit the ring limit.
  const ringing = pagePath === "/call/ringing";
  const john = ringing ? await signIn(base, "john@meetcute.test", DEMO_PASSWORD) : null;
  const matchId = ringing ? await firstMatchId(base, cookie!) : 0;
  const browser = await chromium.launch({ executablePath: tool.chromePath, args: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"] });

  // Source maps, one per chunk, fetched once: Turbopack names a chunk's map in its last line.
  const maps = new Map<string, Promise<SourceMapConsumer | null>>();
  const mapOf = (url: string) => {
    if (!maps.has(url))
      maps.set(
        url,
        (async () => {
          const ref = /sourceMappingURL=(\S+)\s*$/.exec(await (await fetch(url)).text())?.[1];
          const res = ref ? await fetch(new URL(ref, url)) : null;
          return res?.ok ? new SourceMapConsumer(await res.json()) : null;
        })().catch(() => null),
      );
    return maps.get(url)!;
  };

  const totals = emptyTotals();
  const blocking: number[] = [];
  const rsc: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const caller = ringing && run % 2 ? john : cookie;
    const call = ringing ? await ring(base, caller!, matchId) : null;
    const target = call ? `/call/${call}` : pagePath;
    const context = await browser.newContext({ extraHTTPHeaders: caller ? { cookie: caller } : {}, viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
    });
    let pagesFetched = 0;
    page.on("request", (r) => void (r.headers()["rsc"] === "1" && pagesFetched++));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(base + target, { waitUntil: "load" });
    await page.waitForTimeout(4_000);
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    await context.close();
    if (call) await hangUp(base, caller!, call);
    if (run === 0) continue; // the first load warms the server and the browser's caches
    blocking.push(Math.round(longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0)));
    rsc.push(pagesFetched);
    const located = new Map<string, SourceMapConsumer | null>();
    for (const url of new Set(profile.nodes.map((n) => n.callFrame.url).filter((u) => u.includes("/_next/static/")))) located.set(url, await mapOf(url));
    const locate: Locate = (url, line, column) => {
      const pos = located.get(url)?.originalPositionFor({ line: line + 1, column });
      return pos?.source ? ({ source: pos.source, line: pos.line ?? 0, name: pos.name ?? null } satisfies Origin) : null;
    };
    addProfile(totals, profile, locate);
  }
  await browser.close();

  const perLoad = (ms: number) => `${(ms / runs).toFixed(0)} ms`;
  console.log(`\n${pagePath} (${dist}/), ${runs} loads at 4× CPU, per load:`);
  console.log(`  long-task blocking: ${blocking.join(", ")} ms (median ${median(blocking)} ms)`);
  console.log(`  JS self time ${perLoad(totals.script)}; the browser's own work ${perLoad(totals.program)}; GC ${perLoad(totals.gc)}`);
  console.log(`  other pages' RSC payloads fetched: ${rsc.join(", ")}`);
  console.log(`\nby package\n${top(totals.byPackage, 15, runs)}`);
  console.log(`\nby file\n${top(totals.byFile, rows, runs)}`);
  console.log(`\nby function\n${top(totals.byFunction, rows, runs)}`);
} finally {
  await tool.stop();
}
