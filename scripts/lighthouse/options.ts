// Flags of `npm run lighthouse`. Pure, so a unit test can pin what each flag means.
import { PAGES } from "./pages";

export interface LighthouseOptions {
  /** Lighthouse runs per page; the table shows each figure's median. */
  runs: number;
  /** Page names to measure (all by default). */
  only: string[];
  /** Time the incoming-call card's Join button too. */
  incomingCall: boolean;
  build: boolean;
  /** Where the JSON goes (relative to the repository). */
  out: string;
}

export const DEFAULT_OUT = "bench/results/lighthouse-latest.json";

export function parseLighthouseOptions(argv: string[]): LighthouseOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (flags look like --name=value)`);
    flags.set(m[1], m[2] ?? "true");
  }
  const known = ["runs", "only", "no-incoming-call", "no-build", "out"];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown flag --${k}; known: ${known.map((f) => `--${f}`).join(" ")}`);
  const runs = Number(flags.get("runs") ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be an integer ≥ 1");
  const names = PAGES.map((p) => p.name);
  const only = flags.has("only") ? flags.get("only")!.split(",").filter(Boolean) : names;
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length) throw new Error(`--only takes page names: ${names.join(", ")} (not ${unknown.join(", ")})`);
  return { runs, only, incomingCall: !flags.has("no-incoming-call"), build: !flags.has("no-build"), out: flags.get("out") ?? DEFAULT_OUT };
}
