import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sweepOnce } from "@/lib/calls/sweeper";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";

describe("the sweeper across instances", () => {
  it("skips a round while another instance sweeps (advisory lock), and sweeps once it is free", async () => {
    const { sarah, match } = await createPair();
    const start = await api.startCall(sarah, match.id);
    expect(start.status).toBe(200);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    // "Instance B" is mid-sweep: it holds the sweeper's lock in its own transaction.
    const other = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${0x6d656574}::bigint)`;
        locked();
        await held;
      },
      { timeout: 30_000 },
    );
    await lockTaken;
    // Its ring timed out long ago (backdated rather than moving the clock: a sweep is unscoped,
    // and a clock moved ahead would end other test files' calls too).
    await prisma.callSession.update({ where: { id: start.json.session_id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    try {
      expect(await sweepOnce()).toBeNull();
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: start.json.session_id } })).status).toBe("ringing");
      release();
      await other;
      const ended = await sweepOnce();
      expect(ended).not.toBeNull();
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: start.json.session_id } })).status).toBe("missed");
    } finally {
      release();
    }
  });
});
