import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { transaction } from "@/lib/db/transaction";
import { log } from "@/lib/log";
import { resolveExpired } from "@/lib/calls/expiry";
import { settlePresence } from "@/lib/calls/presence";

const SWEEP_INTERVAL_MS = 5_000;

// One key for "the sweeper" across every instance on this database (pg advisory locks are
// database-wide). The value is arbitrary; it only has to be the same everywhere.
const SWEEPER_LOCK_KEY = 0x6d65_6574; // "meet"

/**
 * One sweep, on at most one instance at a time: a transaction-scoped advisory lock (released at
 * commit or rollback, so a crashed instance never leaves it held) decides who sweeps; the others
 * skip this round instead of queueing behind it. Returns null when another instance held it.
 */
export async function sweepOnce(): Promise<string[] | null> {
  await settlePresence();
  return transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>(
      Prisma.sql`SELECT pg_try_advisory_xact_lock(${SWEEPER_LOCK_KEY}::bigint) AS locked`,
    );
    if (!locked) return null;
    return resolveExpired(tx);
  });
}

/**
 * The periodic half of the time rules: every few seconds, ring timeouts, first-call caps and
 * vanished members are applied even to sessions nobody is reading (the lifecycle then closes the
 * ended calls' media rooms). Started once per server process; each sweep is scheduled only after
 * the previous one finished, so a slow sweep never overlaps the next. The returned function
 * stops it and waits for a sweep in progress (graceful shutdown).
 */
export function startSweeper(): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const schedule = () => {
    timer = setTimeout(tick, SWEEP_INTERVAL_MS);
    timer.unref();
  };
  const tick = () => {
    current = sweepOnce()
      .catch((err) => log.error({ err }, "call sweeper failed"))
      .finally(() => {
        if (!stopped) schedule();
      });
  };
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
