import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { setClock } from "@/lib/clock";
import { prisma } from "@/lib/db";
import { pruneExpired, rateLimit, rateLimitHot } from "@/lib/http/rate-limit";
import { roundTrips } from "@/test/round-trips";
import { asSecondInstance } from "@/test/second-instance";

const rule = { limit: 5, windowMs: 60_000 };
const key = () => `test:${randomUUID()}`;

let restoreClock: (() => void) | undefined;
afterEach(() => restoreClock?.());

describe("rateLimit (PostgreSQL store)", () => {
  it("a limit reached through one instance holds on another, because the counter lives in the database", async () => {
    const k = key();
    for (let i = 0; i < rule.limit; i++) expect(await rateLimit(k, rule)).toBe(true);
    expect(await rateLimit(k, rule)).toBe(false);

    const b = await asSecondInstance(() => import("@/lib/http/rate-limit"));
    try {
      expect(b.mod.rateLimit).not.toBe(rateLimit);
      expect(await b.mod.rateLimit(k, rule)).toBe(false);
      // …and a fresh key is counted from one on B, and seen on A.
      const k2 = key();
      for (let i = 0; i < rule.limit; i++) expect(await b.mod.rateLimit(k2, rule)).toBe(true);
      expect(await rateLimit(k2, rule)).toBe(false);
    } finally {
      await b.close();
    }

    // A plain PostgreSQL connection sees the same counter.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT "count" FROM "RateLimit" WHERE "key" = $1`, [k]);
      expect(rows).toEqual([{ count: rule.limit + 2 }]);
    } finally {
      await client.end();
    }
  });

  it("counts concurrent hits exactly (one atomic upsert per hit)", async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 40 }, () => rateLimit(k, { limit: 17, windowMs: 60_000 })));
    expect(results.filter(Boolean)).toHaveLength(17);
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: k } })).count).toBe(40);
  });

  it("starts a new window once the old one has ended", async () => {
    let t = new Date("2030-01-01T00:00:00Z").getTime();
    restoreClock = setClock(() => new Date(t));
    const k = key();
    for (let i = 0; i < rule.limit; i++) await rateLimit(k, rule);
    expect(await rateLimit(k, rule)).toBe(false);
    t += rule.windowMs - 1;
    expect(await rateLimit(k, rule)).toBe(false);
    t += 1;
    expect(await rateLimit(k, rule)).toBe(true);
    const row = await prisma.rateLimit.findUniqueOrThrow({ where: { key: k } });
    expect(row).toMatchObject({ count: 1, resetAt: new Date(t + rule.windowMs) });
  });

  it("prunes expired rows only, in bounded batches", async () => {
    const at = new Date("2031-06-01T00:00:00Z");
    const expired = key();
    const live = key();
    await prisma.rateLimit.createMany({
      data: [
        { key: expired, count: 3, resetAt: new Date(at.getTime() - 1) },
        { key: live, count: 3, resetAt: new Date(at.getTime() + 60_000) },
      ],
    });
    expect(await pruneExpired(at)).toBeGreaterThanOrEqual(1);
    expect(await prisma.rateLimit.findUnique({ where: { key: expired } })).toBeNull();
    expect(await prisma.rateLimit.findUnique({ where: { key: live } })).not.toBeNull();
  });

  it("rateLimitHot: the first quarter of a window costs no round trip; past it the shared count is exact", async () => {
    const k = key();
    const hot = { limit: 20, windowMs: 60_000 };
    const free = await roundTrips(async () => {
      for (let i = 0; i < 5; i++) expect(await rateLimitHot(k, hot)).toBe(true);
    });
    expect(free.count).toBe(0);
    expect(await prisma.rateLimit.findUnique({ where: { key: k } })).toBeNull();
    // The sixth hit carries all six to the shared store; from then on every hit is counted there.
    for (let i = 5; i < 20; i++) expect(await rateLimitHot(k, hot)).toBe(true);
    expect(await rateLimitHot(k, hot)).toBe(false);
    expect((await prisma.rateLimit.findUniqueOrThrow({ where: { key: k } })).count).toBe(21);
  });
});
