// Throughput at rising concurrency with autocannon: the poll, /api/health and the bare ceiling
// are driven in the same run, one after the other at each step, so they share the machine's
// state (other processes, thermal, the database's caches).
import autocannon from "autocannon";
import { keepClimbing, type Step } from "./stats";

export interface Target {
  name: string;
  /** One URL per instance; autocannon spreads connections round-robin over them. */
  urls: string[];
  /** Cookies to rotate through, one per request (signed in), or none. */
  cookies?: string[];
}

export interface LoadResult extends Step {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function load(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  let next = 0;
  const cookies = target.cookies;
  const opts: autocannon.Options = {
    // autocannon takes several URLs (connections are split round-robin); its types say one.
    url: (target.urls.length === 1 ? target.urls[0] : target.urls) as string,
    connections,
    duration: seconds,
    timeout: 10,
    ...(cookies?.length
      ? { requests: [{ method: "GET", setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++ % cookies.length] } }) }] }
      : {}),
  };
  const r = await autocannon(opts);
  return {
    connections,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    // Nothing came back within the step: every request queued longer than the step lasted.
    p99: r.requests.total === 0 ? Infinity : r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export type Ladder = Record<string, LoadResult[]>;

/**
 * Every target at each concurrency of the ladder, interleaved; a target leaves the ladder once it
 * has saturated (past 50 connections). Prints each step as it goes.
 */
export async function ladder(targets: Target[], connections: number[], seconds: number, mustReach = 50): Promise<Ladder> {
  const out: Ladder = Object.fromEntries(targets.map((t) => [t.name, []]));
  // Warm-up: JIT, connection pools, the database's caches.
  for (const t of targets) await load(t, 10, 1);
  for (const c of connections) {
    for (const t of targets) {
      if (!keepClimbing(out[t.name], mustReach)) continue;
      const step = await load(t, c, seconds);
      out[t.name].push(step);
      const bad = step.non2xx + step.errors + step.timeouts;
      console.log(
        `  ${t.name.padEnd(8)} ${String(c).padStart(4)} conn: ${step.rps.toFixed(0).padStart(6)} req/s  p50 ${step.p50} ms  p99 ${step.p99 === Infinity ? `> ${seconds} s (no answer within the step)` : `${step.p99} ms`}${bad ? `  ⚠ ${step.non2xx} non-2xx, ${step.errors} errors, ${step.timeouts} timeouts` : ""}`,
      );
      if (step.non2xx > step.requests * 0.01) throw new Error(`${t.name}: ${step.non2xx} of ${step.requests} answers were not 2xx; the figures would be meaningless`);
    }
  }
  return out;
}
