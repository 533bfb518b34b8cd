// npm run join-video — how long a first call takes to show each member the other, on a
// production build (`next start`) with our own Chromium (fake camera and mic), over direct WebRTC
// as a deployment without LiveKit runs it. Two ways a call starts, each --calls times on fresh
// first-call pairs (blurred until revealed, as first calls are):
//   join   the caller waits on the ringing call page; the callee, on the dashboard, clicks Join on
//          the incoming-call card. From that click until both remote videos play.
//   both   the call rings; both members' call pages open at the same moment (the callee's answers
//          on arrival). From the navigations' start until both remote videos play.
// Each call's timeline (scripts/join-video/timeline.ts) says where the time went: page load,
// camera, the join request, each signalling step, ICE, the first frame. Prints medians and the
// worst, writes bench/results/join-video-latest.json. Targets are verdicts, never test assertions.
//
//   npm run join-video [-- --calls=10 --camera=clip|pattern --no-build --console]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { api, cookieFor, SECRET, startCall } from "./bench/client";
import { seedBenchData, type Pair } from "./bench/seed";
import { buildApp, DIST_DIR, serverEnv, startApp } from "./bench/servers";
import { summary } from "./bench/stats";
import { ROOT } from "./lib/database";
import { startMeasuringTool } from "./lib/measuring-tool";
import { CHROMIUM_ARGS } from "../e2e/support/chromium-args";
import { fakeCameraArg } from "../e2e/support/fake-camera";
import { BINDING, MARKS, relative, TIMELINE_SCRIPT, type Mark, type Timeline } from "./join-video/timeline";

const args = process.argv.slice(2);
const CALLS = Number(args.find((a) => a.startsWith("--calls="))?.slice("--calls=".length) ?? 10);
const BUILD = !args.includes("--no-build");
/** Print the pages' console lines (debugging a slow step). */
const CONSOLE = args.includes("--console");
/**
 * The fake camera: "clip" (default), the journeys' 320×240 clip (e2e/support/fake-camera.ts), or
 * "pattern", Chromium's own 1280×720 test pattern. Both members' pages, the server and PostgreSQL
 * share this machine's cores: at 720p the two pages' video encoding starves everything else (a
 * page's fetch answered in 40–190 ms reached its JavaScript 150–430 ms later), which no phone
 * with its own CPU sees.
 */
const CAMERA = args.find((a) => a.startsWith("--camera="))?.slice("--camera=".length) ?? "clip";
if (CAMERA !== "clip" && CAMERA !== "pattern") throw new Error("--camera is clip or pattern");
if (!Number.isInteger(CALLS) || CALLS < 1) throw new Error("--calls must be a positive integer");
const RESULTS = path.join(ROOT, "bench/results/join-video-latest.json");
const TARGET_MS = { join: 1_000, both: 1_500 } as const;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

type Scenario = keyof typeof TARGET_MS;
type CallResult = { caller: Partial<Record<Mark, number>>; callee: Partial<Record<Mark, number>>; bothMs: number };

function git(...a: string[]): string | null {
  const r = spawnSync("git", a, { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A signed-in member's browser context whose pages report their timeline into `timeline`. */
async function memberContext(browser: Browser, base: string, id: number, viewport: { width: number; height: number }, timeline: Timeline): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, permissions: ["camera", "microphone"] });
  const [name, ...value] = (await cookieFor(id)).split("=");
  await context.addCookies([{ name: name!, value: value.join("="), url: base }]);
  await context.exposeBinding(BINDING, (_source, mark: Mark, at: number) => {
    timeline[mark] = mark.endsWith("-last-done") ? Math.max(timeline[mark] ?? at, at) : (timeline[mark] ?? at);
  });
  await context.addInitScript(TIMELINE_SCRIPT);
  if (CONSOLE) context.on("console", (m) => console.log(`    [${id}] ${Date.now() % 100_000} ${m.type()} ${m.text().slice(0, 300)}`));
  return context;
}

const framed = (timeline: Timeline) => timeline.frame !== undefined;

async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function streamHealthy(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.pushChannel === "healthy", undefined, { timeout: 30_000 });
}

async function oneCall(browser: Browser, base: string, pair: Pair, scenario: Scenario): Promise<CallResult> {
  const callerLine: Timeline = {};
  const calleeLine: Timeline = {};
  const caller = await memberContext(browser, base, pair.a, LAPTOP, callerLine);
  const callee = await memberContext(browser, base, pair.b, PHONE, calleeLine);
  try {
    const callerPage = await caller.newPage();
    const calleePage = await callee.newPage();
    let t0: number;
    let sessionId: string;
    if (scenario === "join") {
      // The callee is on the dashboard with its event stream open, as a member waiting for calls is.
      await calleePage.goto(`${base}/dashboard`);
      await streamHealthy(calleePage);
      sessionId = (await startCall(base, pair.a, pair.matchId)).session_id;
      await callerPage.goto(`${base}/call/${sessionId}`);
      await callerPage.getByRole("heading", { name: /^Calling / }).waitFor({ timeout: 30_000 });
      const join = calleePage.getByTestId("incoming-call").getByRole("button", { name: "Join Call" });
      await join.waitFor({ timeout: 30_000 });
      // Let the card settle and the caller's page finish starting, as a person takes a moment to tap.
      await calleePage.waitForTimeout(1_000);
      await join.click();
      await until("the Join click's mark", () => calleeLine.click !== undefined, 5_000);
      t0 = calleeLine.click!;
    } else {
      sessionId = (await startCall(base, pair.a, pair.matchId)).session_id;
      t0 = Date.now();
      await Promise.all([callerPage.goto(`${base}/call/${sessionId}`), calleePage.goto(`${base}/call/${sessionId}`)]);
    }
    await until("both remote videos", () => framed(callerLine) && framed(calleeLine));
    const result = { caller: relative(callerLine, t0), callee: relative(calleeLine, t0), bothMs: Math.max(callerLine.frame!, calleeLine.frame!) - t0 };
    await api(base, pair.a, "POST", `/api/video/sessions/${sessionId}/end`, { reason: "hangup" }).catch(() => undefined);
    return result;
  } finally {
    await caller.close();
    await callee.close();
  }
}

const ms = (n: number) => Math.round(n);

function report(scenario: Scenario, calls: CallResult[]) {
  const both = summary(calls.map((c) => c.bothMs));
  const worst = Math.max(...calls.map((c) => c.bothMs));
  const median = (side: "caller" | "callee", m: Mark) => {
    const xs = calls.map((c) => c[side][m]).filter((x): x is number => x !== undefined);
    return xs.length ? ms(summary(xs).p50) : null;
  };
  const breakdown = Object.fromEntries(MARKS.map((m) => [m, { caller: median("caller", m), callee: median("callee", m) }]));
  return { calls: calls.length, both_p50_ms: ms(both.p50), both_worst_ms: ms(worst), target_ms: TARGET_MS[scenario], met: both.p50 <= TARGET_MS[scenario], breakdown_p50_ms: breakdown, each: calls };
}

function print(scenario: Scenario, r: ReturnType<typeof report>) {
  const title = scenario === "join" ? "from the callee's Join click" : "both call pages opening at once";
  console.log(`\n${title}: both see video at p50 ${r.both_p50_ms} ms, worst ${r.both_worst_ms} ms over ${r.calls} calls (target p50 ≤ ${r.target_ms} ms: ${r.met ? "✅ met" : "❌ missed"})`);
  console.log("| mark | caller p50 ms | callee p50 ms |\n| --- | --- | --- |");
  for (const m of MARKS) {
    const b = r.breakdown_p50_ms[m]!;
    if (b.caller !== null || b.callee !== null) console.log(`| ${m} | ${b.caller ?? "—"} | ${b.callee ?? "—"} |`);
  }
}

let browser: Browser | null = null;
const tool = await startMeasuringTool("meetcute_join_video", () => void browser?.close());
try {
  const url = tool.url;
  const chromePath = tool.chromePath;
  // Enough pending (never called) pairs for both scenarios, plus the seed's own pattern around them.
  const data = await seedBenchData(url, Math.max(200, CALLS * 8));
  const pairs = data.pendingPairs;
  if (pairs.length < CALLS * 2) throw new Error(`only ${pairs.length} pending pairs for ${CALLS * 2} calls`);
  const env = serverEnv(url, SECRET);
  if (BUILD) buildApp(env);
  else if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) throw new Error(`--no-build, but there is no build in ${DIST_DIR}/; run once without it`);
  const { base } = await startApp(env);
  browser = await chromium.launch({
    executablePath: chromePath,
    args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required", ...(CAMERA === "clip" ? [fakeCameraArg()] : [])],
  });
  console.log(`server up at ${base}; Chromium ${chromePath}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);

  // One call first, not counted: the server's and Chromium's first-time costs are nobody's Join.
  await oneCall(browser, base, pairs[pairs.length - 1]!, "join");
  const results: Record<Scenario, CallResult[]> = { join: [], both: [] };
  for (let i = 0; i < CALLS; i++) {
    // Alternated, so both see the same machine over the run.
    for (const scenario of ["join", "both"] as const) {
      const pair = pairs[scenario === "join" ? i : CALLS + i]!;
      const r = await oneCall(browser, base, pair, scenario);
      results[scenario].push(r);
      console.log(`  ${scenario} #${i + 1}: both see video after ${ms(r.bothMs)} ms (caller ${r.caller.frame} ms, callee ${r.callee.frame} ms)`);
    }
  }
  const out = {
    at: new Date().toISOString(),
    commit: git("rev-parse", "HEAD") ?? "unknown",
    commit_dirty: (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "",
    camera: CAMERA,
    machine: { cpus: os.cpus().length, node: process.version, loadavg_at_end: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    join: report("join", results.join),
    both: report("both", results.both),
  };
  print("join", out.join);
  print("both", out.both);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, RESULTS)}`);
} finally {
  await browser?.close();
  await tool.stop();
}
