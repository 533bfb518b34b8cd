// What `npm run profile-page` prints: a V8 CPU profile of page loads, its self time summed by
// package, by source file and by function, after source maps turned the bundle's positions back
// into our files and node_modules'. Pure, so a unit test pins the sums.

/** The parts of a CDP `Profiler.Profile` used here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
}

/** Where a bundle position came from: a source file (as the source map names it) and a line. */
export interface Origin {
  source: string;
  line: number;
  name: string | null;
}

export type Locate = (url: string, line: number, column: number) => Origin | null;

export interface Totals {
  /** JS self time, ms: every sample but idle, "(program)" (the browser's own work) and GC. */
  script: number;
  program: number;
  gc: number;
  byPackage: Map<string, number>;
  byFile: Map<string, number>;
  byFunction: Map<string, number>;
}

export const emptyTotals = (): Totals => ({ script: 0, program: 0, gc: 0, byPackage: new Map(), byFile: new Map(), byFunction: new Map() });

/** "node_modules/zod/v4/core/core.js" → "zod"; "@scope/pkg/…" → "@scope/pkg"; ours → its top folder. */
export function packageOf(file: string): string {
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = file.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (file.startsWith("[turbopack]")) return "turbopack runtime";
  if (file.startsWith("(")) return file;
  if (/^https?:/.test(file)) return "(bundle without a source map)";
  if (file.includes("::")) return "(browser built-ins)";
  return `ours: ${file.split("/")[0]}/`;
}

/** A source map's source as a short path: "turbopack:///[project]/lib/format.ts" → "lib/format.ts". */
export function shortSource(source: string): string {
  return source.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^turbopack:\/\/\//, "").replace(/^.*?(node_modules\/)/, "$1");
}

const add = <K>(m: Map<K, number>, k: K, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** Adds one profile's self times into `totals`. */
export function addProfile(totals: Totals, profile: CpuProfile, locate: Locate): void {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => add(self, id, (profile.timeDeltas[i] ?? 0) / 1000));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  for (const [id, ms] of self) {
    const frame = nodes.get(id);
    if (!frame || frame.functionName === "(idle)" || frame.functionName === "(root)") continue;
    if (frame.functionName === "(program)") {
      totals.program += ms;
      continue;
    }
    if (frame.functionName === "(garbage collector)") {
      totals.gc += ms;
      continue;
    }
    totals.script += ms;
    const origin = frame.url ? locate(frame.url, frame.lineNumber, frame.columnNumber) : null;
    const file = origin ? shortSource(origin.source) : frame.url ? frame.url : `(${frame.functionName || "native"})`;
    add(totals.byPackage, packageOf(file), ms);
    add(totals.byFile, file, ms);
    add(totals.byFunction, `${origin?.name ?? (frame.functionName || "(anonymous)")}  ${file}${origin ? `:${origin.line}` : ""}`, ms);
  }
}

/** The `n` largest entries of a total, per load (divided by `loads`), as table rows. */
export function top(m: Map<string, number>, n: number, loads: number): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / loads).toFixed(0).padStart(7)} ms  ${k}`)
    .join("\n");
}
