import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { createPair } from "@/test/factories";
import { GET } from "./route";
import { POST as markSeen } from "./seen/route";

async function missedCall(matchId: number, callerId: number, calleeId: number, minutesAgo = 5) {
  const createdAt = new Date(Date.now() - minutesAgo * 60_000);
  return prisma.callSession.create({
    data: { matchId, callerId, calleeId, kind: "first", status: "missed", createdAt, endedAt: createdAt, endReason: "timeout" },
  });
}

describe("missed calls", () => {

  it("lists the callee's unseen missed calls, newest first, until they are marked seen", async () => {
    const { sarah, john, match } = await createPair();
    const older = await missedCall(match.id, sarah.id, john.id, 10);
    const newer = await missedCall(match.id, sarah.id, john.id, 2);

    const res = await call(GET, "GET", { as: john });
    expect(res.status).toBe(200);
    expect(res.json.missed_calls.map((c: { session_id: string }) => c.session_id)).toEqual([newer.id, older.id]);
    expect(res.json.missed_calls[0]).toMatchObject({ match_id: match.id, other_user_name: "Sarah", other_user_photo_url: null, at: newer.createdAt.toISOString() });
    // The caller didn't miss anything.
    expect((await call(GET, "GET", { as: sarah })).json.missed_calls).toEqual([]);

    expect((await call(markSeen, "POST", { as: john, body: { session_ids: [newer.id] } })).status).toBe(200);
    expect((await call(GET, "GET", { as: john })).json.missed_calls.map((c: { session_id: string }) => c.session_id)).toEqual([older.id]);
  });

  it("ignores attempts to mark someone else's missed calls", async () => {
    const { sarah, john, match } = await createPair();
    const missed = await missedCall(match.id, sarah.id, john.id);
    expect((await call(markSeen, "POST", { as: sarah, body: { session_ids: [missed.id] } })).status).toBe(200);
    expect((await call(GET, "GET", { as: john })).json.missed_calls).toHaveLength(1);
  });

  it.each([[{ session_ids: [] }], [{ session_ids: ["not-a-uuid"] }], [{}]])("refuses %j", async (body) => {
    const { john } = await createPair();
    expect((await call(markSeen, "POST", { as: john, body })).status).toBe(400);
  });

  it("needs a signed-in member", async () => {
    expect((await call(GET, "GET")).status).toBe(401);
  });
});
