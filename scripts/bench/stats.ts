// Small pure helpers for the figures (unit-tested in stats.test.ts).

/** The q-quantile (0..1) by nearest rank; NaN for no samples. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function summary(xs: number[]) {
  return { n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : NaN };
}

export interface Step {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
}

/** p99 beyond this is "exploded": the server is queueing, not serving. */
export const P99_EXPLODED_MS = 2_000;
/** Throughput that rises less than this from one step to the next has stopped rising. */
export const STILL_RISING = 1.05;

/**
 * Whether the ladder should climb past `steps` (measured so far, in rising concurrency): always
 * up to `mustReach` connections (the targets' point), then only while throughput still rises
 * and p99 has not exploded.
 */
export function keepClimbing(steps: Step[], mustReach: number): boolean {
  const last = steps.at(-1);
  if (!last) return true;
  if (last.connections < mustReach) return true;
  if (last.p99 > P99_EXPLODED_MS) return false;
  const prev = steps.at(-2);
  return !prev || last.rps >= prev.rps * STILL_RISING;
}

/**
 * The saturation point: the lowest concurrency after which throughput stops rising (the next
 * step adds less than 5 %) or p99 explodes. null when the ladder never got there.
 */
export function saturation(steps: Step[]): Step | null {
  for (let i = 0; i < steps.length - 1; i++) {
    const next = steps[i + 1];
    if (next.rps < steps[i].rps * STILL_RISING || next.p99 > P99_EXPLODED_MS) return steps[i];
  }
  return null;
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);
