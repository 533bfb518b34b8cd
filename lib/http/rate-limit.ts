import "server-only";

// Fixed-window counters in process memory: enough for one server process. Several instances
// behind a load balancer would each count separately (documented in the README).
const windows = new Map<string, { count: number; resetAt: number }>();

export function rateLimit(key: string, { limit, windowMs }: { limit: number; windowMs: number }): boolean {
  const t = Date.now();
  const w = windows.get(key);
  if (!w || w.resetAt <= t) {
    if (windows.size > 50_000) prune(t);
    windows.set(key, { count: 1, resetAt: t + windowMs });
    return true;
  }
  w.count += 1;
  return w.count <= limit;
}

function prune(t: number) {
  for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
}

/** For tests. */
export function resetRateLimits() {
  windows.clear();
}
