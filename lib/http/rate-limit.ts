import "server-only";
import { now } from "@/lib/clock";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { LRUCache } from "lru-cache";

export type RateLimitRule = { limit: number; windowMs: number };

/**
 * Where the counters live. They must be shared by every app instance, or N instances allow N
 * times the limit. The default is PostgreSQL (nothing else to run); another shared store, e.g.
 * Redis with `INCR` + `PEXPIRE`, would implement the same three calls (refund: DECR where the key still exists).
 */
export interface RateLimitStore {
  /** Counts `amount` hits (one unless said) on `key` in its current fixed window; returns the hits so far in that window. */
  hit(key: string, windowMs: number, at: Date, amount?: number): Promise<number>;
  /** Hits so far in the key's current window, without counting one (0 when none or expired). */
  peek(key: string, at: Date): Promise<number>;
  /** Gives one hit back in the key's current window (never below zero; nothing once it expired). */
  refund(key: string, at: Date): Promise<void>;
}

/** Expired rows are deleted by every PRUNE_EVERY-th hit of a process, at most PRUNE_BATCH at a time. */
const PRUNE_EVERY = 256;
const PRUNE_BATCH = 1000;

/**
 * Fixed windows in the `RateLimit` table: one atomic upsert per hit, which starts a new window
 * when the old one has ended. Fixed rather than sliding: one row and one statement per hit, and
 * at worst twice the limit across a window boundary, which is fine for abuse limits.
 */
export const postgresRateLimitStore: RateLimitStore = {
  async hit(key, windowMs, at, amount = 1) {
    const resetAt = new Date(at.getTime() + windowMs);
    const rows = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, ${amount}, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN ${amount} ELSE LEAST("RateLimit"."count", 2147483647 - ${amount}) + ${amount} END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN EXCLUDED."resetAt" ELSE "RateLimit"."resetAt" END
      RETURNING "count"`;
    if (++hitsSincePrune >= PRUNE_EVERY) {
      hitsSincePrune = 0;
      void pruneExpired(at).catch((err) => log.warn({ err }, "could not prune expired rate-limit rows"));
    }
    return rows[0].count;
  },
  async refund(key, at) {
    await prisma.$executeRaw`UPDATE "RateLimit" SET "count" = "count" - 1 WHERE "key" = ${key} AND "resetAt" > ${at} AND "count" > 0`;
  },
  async peek(key, at) {
    const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, resetAt: true } });
    return row && row.resetAt > at ? row.count : 0;
  },
};

let hitsSincePrune = 0;

/** Deletes a bounded batch of expired rows through the resetAt index; other instances skip locked ones. */
export async function pruneExpired(at: Date): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "RateLimit" WHERE "key" IN (
      SELECT "key" FROM "RateLimit" WHERE "resetAt" <= ${at} ORDER BY "resetAt" LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
}

/** The store every limit uses; swap the implementation here to name another shared store. */
export const rateLimitStore: RateLimitStore = postgresRateLimitStore;

/** Counts a hit on `key`; false once the key has had more than `limit` hits in its window. */
export async function rateLimit(key: string, { limit, windowMs }: RateLimitRule): Promise<boolean> {
  return (await rateLimitStore.hit(key, windowMs, now())) <= limit;
}

/** Hits a hot key's window has had on this instance, before and after the shared store heard of them. */
interface LocalWindow {
  endsAt: number;
  hits: number;
  /** The shared store has been told (from then on every hit goes there). */
  shared: boolean;
}
const localWindows = new LRUCache<string, LocalWindow>({ max: 100_000 });

/**
 * The same limit for a hot endpoint whose normal use stays far below it (the call page's
 * check-in: 20 a window against 120): the first quarter of the limit in each window is counted in
 * this instance's memory only, and past it every hit goes to the shared store, the first carrying
 * everything counted so far. A member using the page as written costs the database nothing; one
 * hammering it meets the shared limit exactly on one instance, and across N instances at most
 * N × a quarter of the limit late.
 */
export async function rateLimitHot(key: string, { limit, windowMs }: RateLimitRule): Promise<boolean> {
  const at = now();
  const t = at.getTime();
  let w = localWindows.get(key);
  // A new window when the old one ended (or the clock went back before it began: tests move it).
  if (!w || t >= w.endsAt || t < w.endsAt - windowMs) localWindows.set(key, (w = { endsAt: t + windowMs, hits: 0, shared: false }));
  w.hits++;
  if (w.hits <= Math.floor(limit / 4)) return true;
  const amount = w.shared ? 1 : w.hits;
  w.shared = true;
  return (await rateLimitStore.hit(key, windowMs, at, amount)) <= limit;
}
