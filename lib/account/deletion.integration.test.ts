// A deletion or a ban racing a call that is starting on one of the member's matches, with the
// start paused where it holds the match's lock and is about to insert the session (whose foreign
// keys lock both members' rows FOR KEY SHARE). Found by the lifecycle fuzzer as a deadlock (a
// 500 for the admin); both must complete, one after the other.
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { deleteAccountAsAdmin } from "@/lib/account/deletion";
import { banMember } from "@/lib/admin/members";
import { createMember, createPair } from "@/test/factories";
import { holdLock } from "@/test/hold-lock";

/** start-call halfway: the match locked, the session not yet inserted. */
async function callStartingOn(matchId: number) {
  return holdLock(`SELECT 1 FROM "Match" WHERE id = $1 FOR UPDATE`, [matchId]);
}

async function someoneWaitsForALock() {
  await vi.waitFor(async () => {
    const [{ waiting }] = await prisma.$queryRaw<{ waiting: number }[]>`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`;
    expect(waiting).toBeGreaterThan(0);
  });
}

describe.each([
  ["a deletion", (adminId: number, userId: number) => deleteAccountAsAdmin(adminId, userId)],
  ["a ban", (adminId: number, userId: number) => banMember(adminId, userId, { reason: "harassment" })],
] as const)("%s racing a call's start on the member's match", (_, act) => {
  it("waits for the start, then ends the call it started; neither fails", async () => {
    const { sarah, john, match } = await createPair("matched");
    const admin = await createMember({ name: "Ada", role: "admin" });
    const start = await callStartingOn(match.id);
    try {
      const acting = act(admin.id, john.id);
      // The member's row is locked by now and the action waits for the match.
      await someoneWaitsForALock();
      await start.client.query(
        `INSERT INTO "CallSession" (id, "matchId", "callerId", "calleeId", kind, status, "createdAt") VALUES (gen_random_uuid(), $1, $2, $3, 'repeat', 'ringing', now())`,
        [match.id, sarah.id, john.id],
      );
      await start.release();
      const effects = await acting;
      expect(effects.ended_sessions).toHaveLength(1);
      expect(await prisma.callSession.findFirstOrThrow({ where: { matchId: match.id } })).toMatchObject({ status: "cancelled" });
    } finally {
      await start.release();
    }
  });
});
