// The lifecycle resolves a match's time rules only when mayBeDue says one may be due
// (lib/calls/locked-session.ts, start-call.ts, the check-in). That is sound only if mayBeDue never
// says "no" where the SQL that applies the rules (expiry.ts) finds one due: random rows, of the
// kinds the app writes, each judged by both.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { mayBeDue } from "@/lib/calls/expiry";
import { knowInstance } from "@/lib/calls/presence";
import { anyDueSql } from "@/lib/calls/time-rules";
import { createPair } from "@/test/factories";

describe("mayBeDue", () => {
  it("is true wherever the SQL finds a time rule due, and false often enough to save a statement", async () => {
    const { sarah, john, match } = await createPair("matched");
    const base = Math.floor(Date.now() / 1000) * 1000;
    const at = (s: number) => new Date(base + s * 1000);
    // Another instance vouching for a member, as this one last read it (and one it never read).
    const known = randomUUID();
    await prisma.appInstance.create({ data: { id: known, startedAt: at(-300), aliveAt: at(-100) } });
    await knowInstance(known);
    const unknown = randomUUID();
    await prisma.appInstance.create({ data: { id: unknown, startedAt: at(-300), aliveAt: at(-60) } });

    const second = fc.integer({ min: -200, max: 0 });
    // A member's last check-in, and who vouches for them: a vouch is only ever written with a check-in.
    const seen = fc.option(fc.record({ at: second, by: fc.constantFrom(null, known, unknown) }), { nil: null });
    const row = fc.record({
      status: fc.constantFrom("ringing", "active", "completed"),
      createdAt: second,
      answeredAfter: fc.integer({ min: 0, max: 45 }),
      capSeconds: fc.constantFrom(null, 60),
      caller: seen,
      callee: seen,
      callerMediaDown: fc.boolean(),
      mediaDownSince: fc.option(second, { nil: null }),
      mediaDownMs: fc.integer({ min: 0, max: 30_000 }),
      t: fc.integer({ min: -150, max: 150 }),
    });
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(row, async (r) => {
        const answered = r.status === "ringing" ? null : at(r.createdAt + r.answeredAfter);
        const session = await prisma.callSession.create({
          data: {
            matchId: match.id,
            callerId: sarah.id,
            calleeId: john.id,
            kind: r.capSeconds === null ? "repeat" : "first",
            status: r.status as "ringing" | "active" | "completed",
            createdAt: at(r.createdAt),
            answeredAt: answered,
            endedAt: r.status === "completed" ? at(r.createdAt + r.answeredAfter + 10) : null,
            capSeconds: r.capSeconds,
            callerSeenAt: r.caller && at(r.caller.at),
            callerSeenBy: r.caller?.by ?? null,
            calleeSeenAt: r.callee && at(r.callee.at),
            calleeSeenBy: r.callee?.by ?? null,
            callerMediaDown: r.callerMediaDown,
            mediaDownSince: r.mediaDownSince === null ? null : at(r.mediaDownSince),
            mediaDownMs: r.mediaDownMs,
          },
        });
        try {
          const t = at(r.t);
          const [{ due }] = await prisma.$queryRaw<{ due: boolean }[]>`SELECT ${anyDueSql(t)} AS due FROM "CallSession" WHERE id = ${session.id}::uuid`;
          const maybe = mayBeDue(session, t);
          if (due) expect(maybe).toBe(true);
          if (!maybe) skipped++;
        } finally {
          await prisma.callSession.delete({ where: { id: session.id } });
        }
      }),
      { numRuns: 300, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
    // Not a property that holds by saying "maybe" to everything.
    expect(skipped).toBeGreaterThan(30);
  });
});
