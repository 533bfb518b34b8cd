// The bench's output: the JSON record (bench/results/latest.json) and the Markdown printed for
// docs/benchmarks.md. Targets are verdicts here, never assertions in a test.
import type { Ladder } from "./load";

export type Results = Record<string, unknown> & {
  ladder?: Ladder;
};

/** Keys every results file has (null when that part did not run or could not be measured). */
export const REQUIRED_KEYS = [
  "poll_rps", "poll_p50_ms", "poll_p99_ms", "health_rps", "ceiling_rps", "history_p95_ms", "lifecycle_rps", "members", "instances", "commit",
  "ring_push_p50_ms", "ring_push_p95_ms", "ring_push_max_ms", "ring_poll_p50_ms", "ring_poll_p95_ms", "streams", "streams_rss_mb",
] as const;

/** The record as written: every required key, flat figures first, the long arrays last. */
export function finalize(r: Results): Results {
  const { ladder, soak_rss_samples, ...flat } = r;
  const out: Results = { ...Object.fromEntries(REQUIRED_KEYS.map((k) => [k, null])), ...flat };
  if (ladder) out.ladder = ladder;
  if (soak_rss_samples) out.soak_rss_samples = soak_rss_samples;
  return out;
}

interface Verdict {
  what: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const num = (r: Results, k: string) => (typeof r[k] === "number" ? (r[k] as number) : null);
const ms = (n: number | null) => (n === null ? "—" : `${n} ms`);

export function verdicts(r: Results): Verdict[] {
  const out: Verdict[] = [];
  const poll = num(r, "poll_rps");
  const health = num(r, "health_rps");
  const p99 = num(r, "poll_p99_ms");
  if (poll !== null && health !== null && p99 !== null) {
    out.push({
      what: "poll vs /api/health at 50 connections",
      figure: `${poll} vs ${health} req/s (${(poll / health).toFixed(2)}×), poll p99 ${p99} ms`,
      target: "poll ≥ health, p99 ≤ 100 ms",
      met: poll >= health && p99 <= 100,
    });
  }
  const single = num(r, "poll_rps_single_instance");
  if (poll !== null && single !== null) {
    out.push({ what: `${r.instances} instances vs 1 (poll, 50 connections)`, figure: `${poll} vs ${single} req/s`, target: "N instances ≥ 1 instance", met: poll >= single });
  }
  const hist = num(r, "history_p95_ms");
  if (hist !== null) out.push({ what: `call-history, ${r.history_calls} calls, p95`, figure: ms(hist), target: "≤ 30 ms", met: hist <= 30 });
  const push = num(r, "streams_ring_push_p95_ms") ?? num(r, "ring_push_p95_ms");
  if (push !== null) {
    const streams = num(r, "streams_ring_push_p95_ms") !== null ? num(r, "streams") : num(r, "ring_push_streams");
    out.push({ what: `ring through the stream, p95, ${streams} streams open`, figure: ms(push), target: "≤ 250 ms with 2,000 streams", met: push <= 250 && (streams ?? 0) >= 2000 ? true : push > 250 ? false : null });
  } else if (r.events_route === "missing") {
    out.push({ what: "ring through the stream", figure: "GET /api/events answered 404", target: "≤ 250 ms with 2,000 streams", met: null });
  }
  const pollRing = num(r, "ring_poll_p95_ms");
  if (pollRing !== null) out.push({ what: "ring through the poll alone, p95", figure: ms(pollRing), target: "≤ 3,200 ms", met: pollRing <= 3200 });
  const rss = num(r, "streams_rss_mb");
  if (rss !== null) {
    const streams = num(r, "streams") ?? 0;
    out.push({ what: `server RSS with ${streams} streams open`, figure: `${rss} MB`, target: "≤ 400 MB for 2,000", met: rss <= 400 && streams >= 2000 ? true : rss > 400 ? false : null });
  }
  const start = num(r, "soak_rss_start_mb");
  const end = num(r, "soak_rss_end_mb");
  if (start !== null && end !== null) {
    out.push({
      what: `RSS over ${r.soak_seconds} s of rings (${r.soak_rings} rings)`,
      figure: `${start} → ${end} MB (max ${r.soak_rss_max_mb})`,
      target: "does not grow (≤ +10 %)",
      met: end <= start * 1.1,
    });
  }
  return out;
}

export function markdown(r: Results): string {
  const lines: string[] = [];
  lines.push(
    `data: ${r.members} members, ${r.matches} matches, ${r.call_sessions} call sessions; ${r.instances} instance(s)${r.heap_mb ? ` with --max-old-space-size=${r.heap_mb}` : ""}; ${r.online} members' cookies rotating; ` +
      `${r.seconds_per_step} s per step; commit ${String(r.commit).slice(0, 10)}; ${(r.machine as { cpus: number }).cpus} cpus, node ${(r.machine as { node: string }).node}`,
    "",
  );
  const ladder = r.ladder;
  if (ladder && Object.keys(ladder).length) {
    const names = Object.keys(ladder);
    const conns = [...new Set(names.flatMap((n) => ladder[n].map((s) => s.connections)))].sort((a, b) => a - b);
    lines.push(`| connections | ${names.map((n) => `${n} req/s | p50 | p99`).join(" | ")} |`);
    lines.push(`| --- | ${names.map(() => "--- | --- | ---").join(" | ")} |`);
    for (const c of conns) {
      const cells = names.map((n) => {
        const s = ladder[n].find((x) => x.connections === c);
        return s ? `${Math.round(s.rps)} | ${s.p50} ms | ${s.p99 === Infinity || s.p99 === null ? "none answered" : `${s.p99} ms`}` : "— | — | —";
      });
      lines.push(`| ${c} | ${cells.join(" | ")} |`);
    }
    const sat = names.map((n) => `${n} ${r[`${n}_saturation_connections`] ? `${r[`${n}_saturation_connections`]} conn (${r[`${n}_saturation_rps`]} req/s)` : "not reached"}`);
    lines.push("", `saturation (throughput stops rising or p99 > 2 s): ${sat.join("; ")}`, "");
  }
  const rows: [string, string][] = [];
  const add = (what: string, ...cells: [label: string, key: string][]) => {
    if (cells.every(([, k]) => r[k] === null || r[k] === undefined)) return;
    rows.push([what, cells.map(([label, k]) => `${label} ${r[k] ?? "—"}`).join(" · ")]);
  };
  add("lifecycle start → join → end", ["calls/s", "lifecycle_rps"], ["p50 ms", "lifecycle_p50_ms"], ["p95 ms", "lifecycle_p95_ms"]);
  add(`call-history (${r.history_calls} calls)`, ["p50 ms", "history_p50_ms"], ["p95 ms", "history_p95_ms"]);
  add(`ring through the stream (${r.ring_push_streams ?? "—"} streams; from the start-call response)`, ["p50 ms", "ring_push_p50_ms"], ["p95 ms", "ring_push_p95_ms"], ["max ms", "ring_push_max_ms"], ["lost", "ring_push_lost"]);
  add("ring through the stream, from the start-call request", ["p50 ms", "ring_push_from_request_p50_ms"], ["p95 ms", "ring_push_from_request_p95_ms"]);
  add(`ring through the poll alone (3 s, random phase, ${r.ring_poll_call_rate ?? "—"} calls/s)`, ["p50 ms", "ring_poll_p50_ms"], ["p95 ms", "ring_poll_p95_ms"], ["max ms", "ring_poll_max_ms"], ["lost", "ring_poll_lost"], ["a poll's round trip p95 ms", "ring_poll_round_trip_p95_ms"], ["stale answers", "ring_poll_stale"]);
  add(`ring with ${r.streams ?? "—"} streams open`, ["p50 ms", "streams_ring_push_p50_ms"], ["p95 ms", "streams_ring_push_p95_ms"], ["max ms", "streams_ring_push_max_ms"], ["lost", "streams_ring_push_lost"], ["p95 from request ms", "streams_ring_push_from_request_p95_ms"]);
  add(`server RSS (fresh server, --max-old-space-size=${r.streams_heap_mb ?? "—"})`, ["idle MB", "idle_rss_mb"], [`with ${r.streams ?? "—"} streams MB`, "streams_rss_mb"]);
  add(`RSS over ${r.soak_seconds ?? "—"} s of rings`, ["start MB", "soak_rss_start_mb"], ["end MB", "soak_rss_end_mb"], ["max MB", "soak_rss_max_mb"], ["rings", "soak_rings"]);
  if (rows.length) {
    lines.push("| what | figures |", "| --- | --- |", ...rows.map(([w, f]) => `| ${w} | ${f} |`), "");
  }
  const v = verdicts(r);
  if (v.length) {
    lines.push("| target | measured | wanted | verdict |", "| --- | --- | --- | --- |");
    for (const x of v) lines.push(`| ${x.what} | ${x.figure} | ${x.target} | ${x.met === null ? "— not measured at full size" : x.met ? "✅ met" : "❌ missed"} |`);
  }
  if (r.events_route === "missing") lines.push("", "⚠ GET /api/events answered 404: the push measurements were skipped.");
  return lines.join("\n");
}
