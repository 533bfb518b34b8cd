// The call paths besides the ring: a whole call's lifecycle, and a long call history.
import { api, startCall } from "./client";
import type { Pair } from "./seed";

export interface LifecycleResult {
  cycles: number;
  seconds: number;
  rps: number;
  /** One start → join → end, ms. */
  cycleMs: number[];
}

/**
 * start-call → join (the callee answers) → end (the caller hangs up), `concurrency` loops at a
 * time, each on its own mutual match, for `seconds`. Instances take turns per cycle.
 */
export async function lifecycle(bases: string[], pairs: Pair[], concurrency: number, seconds: number): Promise<LifecycleResult> {
  if (pairs.length < concurrency) throw new Error(`lifecycle needs ${concurrency} mutual pairs, has ${pairs.length}`);
  const cycleMs: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const stopAt = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const k = next++;
        const pair = pairs[k % pairs.length];
        // Members alternate who calls, which halves each one's share of start-call's rate limit.
        const [caller, callee] = Math.floor(k / pairs.length) % 2 === 0 ? [pair.a, pair.b] : [pair.b, pair.a];
        const base = bases[k % bases.length];
        const t = performance.now();
        const s = await startCall(base, caller, pair.matchId);
        if (s.existing) throw new Error(`match ${pair.matchId} already had a live call: the lifecycle loops overlap`);
        await api(base, callee, "POST", `/api/video/sessions/${s.session_id}/join`);
        await api(base, caller, "POST", `/api/video/sessions/${s.session_id}/end`, { reason: "hangup" });
        cycleMs.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { cycles: cycleMs.length, seconds: elapsed, rps: cycleMs.length / elapsed, cycleMs };
}

/** GET call-history for the long match, one request at a time, after a warm-up. */
export async function history(base: string, pair: Pair, requests: number, expectCalls: number): Promise<number[]> {
  const route = `/api/video/call-history/${pair.matchId}`;
  const first = await api<{ calls: unknown[] }>(base, pair.a, "GET", route);
  if (first.calls.length < expectCalls) throw new Error(`call-history lists ${first.calls.length} calls, expected ≥ ${expectCalls}`);
  for (let i = 0; i < 20; i++) await api(base, pair.a, "GET", route);
  const out: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    await api(base, i % 2 ? pair.a : pair.b, "GET", route);
    out.push(performance.now() - t);
  }
  return out;
}
