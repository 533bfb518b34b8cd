// POST /api/video/start-call's own limit: 30 presses a minute per member, counted in this
// instance's memory for the first quarter (a member calling as people do writes no counter row),
// then in the shared store, so a loop of presses is refused on time all the same.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";

describe("start-call's rate limit", () => {
  it("answers the 31st press in a minute with 429 and starts nothing; the first presses write no counter", async () => {
    const { sarah, match } = await createPair("matched");
    const key = `start-call:${sarah.id}`;
    const first = await api.startCall(sarah, match.id);
    expect(first.status).toBe(200);
    expect(await prisma.rateLimit.count({ where: { key } })).toBe(0);
    // The same call, pressed again: the one already ringing is returned, and every press counts.
    for (let i = 2; i <= 30; i++) expect((await api.startCall(sarah, match.id)).json.session_id).toBe(first.json.session_id);
    const refused = await api.startCall(sarah, match.id);
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ error: "You're calling too often. Please wait a minute." });
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(1);
    expect(await prisma.rateLimit.count({ where: { key } })).toBe(1);
  });
});
