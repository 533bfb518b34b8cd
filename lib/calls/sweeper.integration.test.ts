import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sweepOnce } from "@/lib/calls/sweeper";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";
import { holdLock } from "@/test/hold-lock";

describe("the sweeper across instances", () => {
  it("skips a round while another instance sweeps (advisory lock), and sweeps once it is free", async () => {
    const { sarah, match } = await createPair();
    const start = await api.startCall(sarah, match.id);
    expect(start.status).toBe(200);
    // "Instance B" is mid-sweep: it holds the sweeper's lock in its own transaction.
    const other = await holdLock("SELECT pg_advisory_xact_lock($1::bigint)", [0x6d656574]);
    // Its ring timed out long ago (backdated rather than moving the clock: a sweep is unscoped,
    // and a clock moved ahead would end other test files' calls too).
    await prisma.callSession.update({ where: { id: start.json.session_id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    try {
      expect(await sweepOnce()).toBeNull();
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: start.json.session_id } })).status).toBe("ringing");
      await other.release();
      const ended = await sweepOnce();
      expect(ended).not.toBeNull();
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: start.json.session_id } })).status).toBe("missed");
    } finally {
      await other.release();
    }
  });
});
