// The pure side of `npm run lighthouse`: what one run yields, the median of runs, the budget and
// target verdicts. Unit-tested in lighthouse.test.ts.

/** What the script keeps of one Lighthouse run (the whole report is ~1 MB). */
export interface RunMetrics {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Main-thread work during the load (mainthread-work-breakdown), ms. */
  mainThreadMs: number;
  /** Script evaluation, parse and compile (bootup-time), ms. */
  bootupMs: number;
  /** Script bytes transferred during the load (compressed, as sent). */
  jsBytes: number;
  totalBytes: number;
  /** Accessibility audits that failed, by id. */
  a11yFailures: string[];
}

/** The median; of an even count, the mean of the middle two. NaN for none. */
export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Each figure's median over the runs, taken figure by figure; failures are every run's union. */
export function medianRun(runs: RunMetrics[]): RunMetrics {
  if (!runs.length) throw new Error("no runs to take the median of");
  const m = (pick: (r: RunMetrics) => number) => median(runs.map(pick));
  return {
    performance: m((r) => r.performance),
    accessibility: m((r) => r.accessibility),
    fcpMs: m((r) => r.fcpMs),
    lcpMs: m((r) => r.lcpMs),
    tbtMs: m((r) => r.tbtMs),
    cls: m((r) => r.cls),
    speedIndexMs: m((r) => r.speedIndexMs),
    mainThreadMs: m((r) => r.mainThreadMs),
    bootupMs: m((r) => r.bootupMs),
    jsBytes: m((r) => r.jsBytes),
    totalBytes: m((r) => r.totalBytes),
    a11yFailures: [...new Set(runs.flatMap((r) => r.a11yFailures))].sort(),
  };
}

/** The targets, on the median of the runs. */
export const TARGETS = { performance: 95, accessibility: 100, tbtMs: 150, lcpMs: 2000, cls: 0.05 } as const;

export interface Verdicts {
  performance: boolean;
  accessibility: boolean;
  tbt: boolean;
  lcp: boolean;
  cls: boolean;
  /** First-load JS within the page's budget. */
  budget: boolean;
}

export function verdicts(m: RunMetrics, budgetKb: number): Verdicts {
  return {
    performance: m.performance >= TARGETS.performance,
    accessibility: m.accessibility >= TARGETS.accessibility,
    tbt: m.tbtMs <= TARGETS.tbtMs,
    lcp: m.lcpMs <= TARGETS.lcpMs,
    cls: m.cls <= TARGETS.cls,
    budget: checkBudget(m.jsBytes, budgetKb).ok,
  };
}

export interface BudgetCheck {
  ok: boolean;
  kb: number;
  budgetKb: number;
  /** KB over the budget (negative: room left). */
  overKb: number;
}

/** First-load JS against a budget in KB (1 KB = 1,024 bytes, compressed as sent). */
export function checkBudget(jsBytes: number, budgetKb: number): BudgetCheck {
  const kb = jsBytes / 1024;
  return { ok: kb <= budgetKb, kb, budgetKb, overKb: kb - budgetKb };
}

export const allPass = (v: Verdicts) => Object.values(v).every(Boolean);
