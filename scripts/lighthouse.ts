// npm run lighthouse — Lighthouse's mobile profile (its default: a mid-range phone, simulated
// slow 4G, a 4× slower CPU) on a production build (`next start`) with the demo data, in our own
// Chromium: signed out (/, /signin, /signup), as a member (dashboard, matches, a match, profile,
// the call page while it rings) and as the admin (/admin). Each page runs 3 times; the table shows
// each figure's median with its verdict against the targets and the page's first-load JS budget.
// Then the incoming-call card: how soon after the dashboard loads its Join button answers a tap.
// Writes bench/results/lighthouse-latest.json; full reports go to .lighthouse/ (git-ignored).
// Targets are verdicts in the output, never assertions in a test.
//
//   npm run lighthouse [-- --runs=3 --only=/signin,/dashboard --no-incoming-call --no-build --out=path]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SECRET } from "./bench/client";
import { buildApp, serverEnv, startApp } from "./bench/servers";
import { ROOT } from "./lib/database";
import { startMeasuringTool } from "./lib/measuring-tool";
import { DEMO_PASSWORD, seedDemo } from "./lib/demo-data";
import { audit, launchChromium, LighthouseRuntimeError, type Browser } from "./lighthouse/audit";
import { timeJoin, type JoinTiming } from "./lighthouse/incoming-call";
import { parseLighthouseOptions } from "./lighthouse/options";
import { PAGES, type Viewer } from "./lighthouse/pages";
import { spread, table, type PageResult } from "./lighthouse/report";
import { signIn, firstMatchId, ring, hangUp } from "./lighthouse/session";
import { allPass, median, medianRun, verdicts, type RunMetrics } from "./lighthouse/stats";

const opts = parseLighthouseOptions(process.argv.slice(2));
const DIST_DIR = ".next-lighthouse";
const REPORTS = path.join(ROOT, ".lighthouse");
const JOIN_TARGET_MS = 1000;

function git(...args: string[]): string | null {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const version = (pkg: string) => (JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

/** A loaded machine sometimes loses a trace (NO_NAVSTART, NO_FCP): such a run is redone, twice at most. */
async function auditWithRetries(...args: Parameters<typeof audit>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(...args);
    } catch (e) {
      if (attempt === 3 || !(e instanceof LighthouseRuntimeError)) throw e;
      console.warn(`  ${(e as Error).message}; running it again`);
    }
  }
}

/** The Chromium measuring now: gone with the servers on Ctrl-C. */
let browser: Browser | null = null;
const tool = await startMeasuringTool("meetcute_lighthouse", () => browser?.kill());
const chromePath = tool.chromePath;
try {
  const url = tool.url;
  await seedDemo(url, { log: () => {} });
  const env = { ...serverEnv(url, SECRET), NEXT_DIST_DIR: DIST_DIR };
  if (opts.build) buildApp(env);
  else if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) throw new Error(`--no-build, but there is no build in ${DIST_DIR}/; run once without it`);
  const { base } = await startApp(env);
  console.log(`server up at ${base}; Chromium ${chromePath}; load average ${load().join(", ")}`);

  const sarah = await signIn(base, "sarah@meetcute.test", DEMO_PASSWORD);
  const john = await signIn(base, "john@meetcute.test", DEMO_PASSWORD);
  const cookies: Record<Viewer, string | null> = { visitor: null, member: sarah, admin: await signIn(base, "admin@meetcute.test", DEMO_PASSWORD) };
  const matchId = await firstMatchId(base, sarah);
  // Calls alternate between the two callers: three unanswered calls in a row from one caller
  // would hit the ring limit (lib/calls/rules.ts).
  let calls = 0;
  const nextCall = async () => {
    const [caller, callee] = calls++ % 2 ? [john, sarah] : [sarah, john];
    return { caller, callee, sessionId: await ring(base, caller, matchId) };
  };

  rmSync(REPORTS, { recursive: true, force: true });
  const pages: (PageResult & { loadavg: number[] })[] = [];
  for (const spec of PAGES.filter((p) => opts.only.includes(p.name))) {
    const at = load();
    console.log(`\n▶ ${spec.name} as ${spec.as}, ${opts.runs} runs (load average ${at.join(", ")})`);
    const pagePath = spec.path.replace("{match}", String(matchId));
    // The first request of a route on a fresh server loads its code: not what a member waits for.
    if (!spec.ringing) await fetch(`${base}${pagePath}`, { headers: cookies[spec.as] ? { cookie: cookies[spec.as]! } : {} }).then((r) => r.text());
    browser = await launchChromium(chromePath);
    const runs: RunMetrics[] = [];
    try {
      for (let i = 1; i <= opts.runs; i++) {
        const call = spec.ringing ? await nextCall() : null;
        try {
          const target = `${base}${pagePath.replace("{session}", call?.sessionId ?? "")}`;
          const file = path.join(REPORTS, `${spec.name.replace(/[^a-z0-9]+/gi, "_")}-${i}.json`);
          const m = await auditWithRetries(browser!, target, call ? call.caller : cookies[spec.as], file);
          runs.push(m);
          console.log(`  run ${i}: perf ${m.performance}, LCP ${Math.round(m.lcpMs)} ms, TBT ${Math.round(m.tbtMs)} ms, CLS ${m.cls.toFixed(3)}, JS ${Math.round(m.jsBytes / 1024)} KB, a11y ${m.accessibility}${m.a11yFailures.length ? ` (${m.a11yFailures.join(", ")})` : ""}`);
        } finally {
          if (call) await hangUp(base, call.caller, call.sessionId);
        }
      }
    } finally {
      browser?.kill();
      browser = null;
    }
    pages.push({ name: spec.name, path: spec.path, budgetKb: spec.budgetKb, runs, median: medianRun(runs), loadavg: at });
  }

  let join: { runs: JoinTiming[]; median: JoinTiming; loadavg: number[] } | null = null;
  if (opts.incomingCall) {
    const at = load();
    console.log(`\n▶ incoming call: the dashboard loads while a call rings, Join tapped until it answers, ${opts.runs} runs (load average ${at.join(", ")})`);
    const runs: JoinTiming[] = [];
    for (let i = 1; i <= opts.runs; i++) {
      const call = await nextCall();
      try {
        const t = await timeJoin(chromePath, base, call.callee);
        runs.push(t);
        console.log(`  run ${i}: card at ${Math.round(t.cardMs)} ms, Join answered at ${Math.round(t.respondedMs)} ms (${t.taps} taps), load event at ${Math.round(t.loadMs)} ms`);
      } finally {
        await hangUp(base, call.caller, call.sessionId);
      }
    }
    const m = (pick: (t: JoinTiming) => number) => median(runs.map(pick));
    join = { runs, median: { cardMs: m((t) => t.cardMs), respondedMs: m((t) => t.respondedMs), loadMs: m((t) => t.loadMs), taps: m((t) => t.taps) }, loadavg: at };
  }

  const results = {
    at: new Date().toISOString(),
    commit: git("rev-parse", "HEAD") ?? "unknown",
    commit_dirty: (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "",
    machine: { cpus: os.cpus().length, node: process.version, chromium: chromePath, lighthouse: version("lighthouse"), loadavg_at_start: pages[0]?.loadavg ?? load(), loadavg_at_end: load() },
    runs_per_page: opts.runs,
    pages: pages.map((p) => ({ name: p.name, path: p.path, budget_kb: p.budgetKb, loadavg: p.loadavg, median: p.median, verdicts: verdicts(p.median, p.budgetKb), runs: p.runs })),
    incoming_call: join && { target_ms: JOIN_TARGET_MS, ...join },
  };
  const out = path.resolve(ROOT, opts.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nLighthouse ${results.machine.lighthouse}, mobile profile, median of ${opts.runs} on ${results.commit.slice(0, 7)}${results.commit_dirty ? " (uncommitted changes)" : ""}; load average ${results.machine.loadavg_at_start.join(", ")} → ${results.machine.loadavg_at_end.join(", ")} on ${os.cpus().length} CPUs\n`);
  console.log(table(pages));
  console.log(`\nSpread over the runs:\n\n${spread(pages)}`);
  if (join) {
    const m = join.median;
    console.log(
      `\nIncoming call (median of ${join.runs.length}): card at ${Math.round(m.cardMs)} ms, Join answered at ${Math.round(m.respondedMs)} ms, load event at ${Math.round(m.loadMs)} ms → ${Math.round(m.respondedMs - m.loadMs)} ms after load ${m.respondedMs - m.loadMs <= JOIN_TARGET_MS ? "✅" : "❌"} (target ≤ ${JOIN_TARGET_MS} ms)`,
    );
  }
  const failing = results.pages.filter((p) => !allPass(p.verdicts)).map((p) => p.name);
  console.log(failing.length ? `\n❌ off target or over budget: ${failing.join(", ")}` : "\n✅ every page on target and within budget");
  console.log(`\nwrote ${path.relative(ROOT, out)}; full reports in ${path.relative(ROOT, REPORTS)}/`);
} finally {
  await tool.stop();
}
