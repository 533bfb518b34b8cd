// Counting database round trips in integration tests (the cheap poll's and history's caches).
import pg from "pg";
import { vi } from "vitest";
import { settleBackgroundEffects } from "@/lib/db/transaction";

/**
 * Database round trips made by `fn` in this process (every pg client's queries, pooled or not).
 * Background work that is not the poll's is let finish first (Web Push after a ring), and the
 * event listener's liveness probe (`SELECT 1` on its own connection) is not counted.
 */
export async function roundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; count: number }> {
  await settleBackgroundEffects();
  const spy = vi.spyOn(pg.Client.prototype, "query");
  try {
    const result = await fn();
    return { result, count: spy.mock.calls.filter(([q]) => q !== "SELECT 1").length };
  } finally {
    spy.mockRestore();
  }
}
