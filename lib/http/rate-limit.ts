import "server-only";
import { now } from "@/lib/clock";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";

export type RateLimitRule = { limit: number; windowMs: number };

/**
 * Where the counters live. They must be shared by every app instance, or N instances allow N
 * times the limit. The default is PostgreSQL (nothing else to run); another shared store, e.g.
 * Redis with `INCR` + `PEXPIRE`, would implement the same three calls (refund: DECR where the key still exists).
 */
export interface RateLimitStore {
  /** Counts one hit on `key` in its current fixed window; returns the hits so far in that window. */
  hit(key: string, windowMs: number, at: Date): Promise<number>;
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
  async hit(key, windowMs, at) {
    const resetAt = new Date(at.getTime() + windowMs);
    const rows = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimit"."resetAt" <= ${at} THEN 1 ELSE LEAST("RateLimit"."count", 2147483646) + 1 END,
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
