// The table `npm run lighthouse` prints (Markdown, pasted into docs/benchmarks.md as it is).
import { checkBudget, verdicts, type RunMetrics } from "./stats";

export interface PageResult {
  name: string;
  path: string;
  budgetKb: number;
  runs: RunMetrics[];
  median: RunMetrics;
}

const mark = (ok: boolean) => (ok ? "✅" : "❌");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One row per page: the medians, each with its verdict against the targets and the budget. */
export function table(pages: PageResult[]): string {
  const rows = [
    "| page | perf | LCP | TBT | CLS | JS KB (budget) | a11y | main thread | bootup |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const p of pages) {
    const m = p.median;
    const v = verdicts(m, p.budgetKb);
    const b = checkBudget(m.jsBytes, p.budgetKb);
    rows.push(
      `| ${p.name} | ${int(m.performance)} ${mark(v.performance)} | ${seconds(m.lcpMs)} ${mark(v.lcp)} | ${int(m.tbtMs)} ms ${mark(v.tbt)} | ${m.cls.toFixed(3)} ${mark(v.cls)} | ${int(b.kb)} (${int(b.budgetKb)}) ${mark(b.ok)} | ${int(m.accessibility)} ${mark(v.accessibility)} | ${seconds(m.mainThreadMs)} | ${seconds(m.bootupMs)} |`,
    );
  }
  return rows.join("\n");
}

/** Each figure's spread over the runs, so a reader sees how much one median means. */
export function spread(pages: PageResult[]): string {
  const range = (xs: number[], f: (n: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
  const rows = ["| page | perf | LCP | TBT |", "| --- | --- | --- | --- |"];
  for (const p of pages) {
    rows.push(
      `| ${p.name} | ${range(p.runs.map((r) => r.performance), int)} | ${range(p.runs.map((r) => r.lcpMs), seconds)} | ${range(p.runs.map((r) => r.tbtMs), (n) => `${int(n)} ms`)} |`,
    );
  }
  return rows.join("\n");
}
