// The Lighthouse script's pure parts: its flags, the median of runs, budgets, verdicts, the table.
import { describe, expect, it } from "vitest";
import { parseLighthouseOptions } from "./options";
import { PAGES } from "./pages";
import { spread, table, type PageResult } from "./report";
import { allPass, checkBudget, median, medianRun, verdicts, type RunMetrics } from "./stats";

const run = (over: Partial<RunMetrics> = {}): RunMetrics => ({
  performance: 98,
  accessibility: 100,
  fcpMs: 900,
  lcpMs: 1500,
  tbtMs: 80,
  cls: 0.01,
  speedIndexMs: 1200,
  mainThreadMs: 1400,
  bootupMs: 500,
  jsBytes: 120 * 1024,
  totalBytes: 200 * 1024,
  a11yFailures: [],
  ...over,
});

describe("median", () => {
  it("takes the middle of an odd count and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([900, 50, 1690])).toBe(900);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it("takes each figure's median on its own and keeps every run's accessibility failures", () => {
    const m = medianRun([
      run({ performance: 65, tbtMs: 1690, lcpMs: 1600, a11yFailures: ["color-contrast"] }),
      run({ performance: 78, tbtMs: 950, lcpMs: 3300 }),
      run({ performance: 70, tbtMs: 1200, lcpMs: 2100, a11yFailures: ["label", "color-contrast"] }),
    ]);
    expect(m).toMatchObject({ performance: 70, tbtMs: 1200, lcpMs: 2100, a11yFailures: ["color-contrast", "label"] });
    expect(() => medianRun([])).toThrow(/no runs/);
  });
});

describe("budgets and verdicts", () => {
  it("counts KB of 1,024 bytes and allows exactly the budget", () => {
    expect(checkBudget(150 * 1024, 150)).toEqual({ ok: true, kb: 150, budgetKb: 150, overKb: 0 });
    expect(checkBudget(150 * 1024 + 1, 150).ok).toBe(false);
    expect(checkBudget(100 * 1024, 150).overKb).toBe(-50);
  });

  it("holds each median to the issue's targets at their edges", () => {
    expect(allPass(verdicts(run({ performance: 95, tbtMs: 150, lcpMs: 2000, cls: 0.05 }), 150))).toBe(true);
    expect(verdicts(run({ performance: 94 }), 150).performance).toBe(false);
    expect(verdicts(run({ accessibility: 99 }), 150).accessibility).toBe(false);
    expect(verdicts(run({ tbtMs: 151 }), 150).tbt).toBe(false);
    expect(verdicts(run({ lcpMs: 2001 }), 150).lcp).toBe(false);
    expect(verdicts(run({ cls: 0.051 }), 150).cls).toBe(false);
    expect(verdicts(run({ jsBytes: 151 * 1024 }), 150).budget).toBe(false);
  });

  it("gives every page a budget, and the call page more than the pages without the call room", () => {
    for (const p of PAGES) expect(p.budgetKb).toBeGreaterThan(0);
    const call = PAGES.find((p) => p.ringing)!;
    for (const p of PAGES.filter((p) => !p.ringing)) expect(p.budgetKb).toBeLessThan(call.budgetKb);
  });
});

describe("table", () => {
  const page = (name: string, runs: RunMetrics[], budgetKb = 150): PageResult => ({ name, path: name, budgetKb, runs, median: medianRun(runs) });

  it("prints one row per page with the medians, the budget and a verdict on each", () => {
    const out = table([page("/signin", [run(), run({ tbtMs: 1690, performance: 65, jsBytes: 226 * 1024 })], 150)]);
    const lines = out.split("\n");
    expect(lines[0]).toBe("| page | perf | LCP | TBT | CLS | JS KB (budget) | a11y | main thread | bootup |");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("| /signin | 82 ❌ | 1.5 s ✅ | 885 ms ❌ | 0.010 ✅ | 173 (150) ❌ | 100 ✅ | 1.4 s | 0.5 s |");
  });

  it("shows each figure's range over the runs", () => {
    const out = spread([page("/", [run({ performance: 78, tbtMs: 900 }), run({ performance: 99, tbtMs: 40 })])]);
    expect(out.split("\n")[2]).toBe("| / | 78–99 | 1.5 s–1.5 s | 40 ms–900 ms |");
  });
});

describe("options", () => {
  it("runs every page 3 times, builds, times the incoming call, by default", () => {
    expect(parseLighthouseOptions([])).toEqual({
      runs: 3,
      only: PAGES.map((p) => p.name),
      incomingCall: true,
      build: true,
      out: "bench/results/lighthouse-latest.json",
    });
  });

  it("reads --runs, --only, --no-build, --no-incoming-call and --out", () => {
    expect(parseLighthouseOptions(["--runs=5", "--only=/signin,/dashboard", "--no-build", "--no-incoming-call", "--out=x.json"])).toEqual({
      runs: 5,
      only: ["/signin", "/dashboard"],
      incomingCall: false,
      build: false,
      out: "x.json",
    });
  });

  it("refuses unknown flags, pages and run counts", () => {
    expect(() => parseLighthouseOptions(["--run=3"])).toThrow(/unknown flag --run/);
    expect(() => parseLighthouseOptions(["--only=/nope"])).toThrow(/--only takes page names/);
    expect(() => parseLighthouseOptions(["--runs=0"])).toThrow(/--runs must be an integer ≥ 1/);
    expect(() => parseLighthouseOptions(["signin"])).toThrow(/unknown argument/);
  });
});
