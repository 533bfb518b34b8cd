import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createMember, type MemberOptions } from "@/test/factories";


// Each test gets its own city and interest tag, so candidates from other tests rank below ours
// and the assertions hold on a shared database.
function world() {
  const tag = `t${randomUUID().slice(0, 8)}`;
  const member = (name: string, o: MemberOptions = {}) => createMember({ name, city: tag, interests: [tag, `${tag}-b`], ...o });
  return { tag, member };
}

describe("findMatchFor via POST /api/matches/find", () => {
  it("proposes the best fit, visible to both, and never the same pair twice", async () => {
    const { member } = world();
    const me = await member("Ana", { gender: "woman", interestedIn: ["man"] });
    const best = await member("Ben", { gender: "man", interestedIn: ["woman"] });
    await member("Carl", { gender: "man", interestedIn: ["woman"], interests: [], city: "Elsewhere" });
    const first = await api.find(me);
    expect(first.status).toBe(201);
    expect(first.json.match).toMatchObject({ status: "pending", other_user: { id: best.id, name: "Ben" } });
    const bens = (await api.matches(best)).json.matches;
    expect(bens.map((m: { match_id: number }) => m.match_id)).toContain(first.json.match.match_id);
    const second = await api.find(me);
    expect(second.json.match?.other_user.id).not.toBe(best.id);
  });

  it("never proposes someone whose preferences don't fit both ways, a banned member, an admin or a blocked one", async () => {
    const { member } = world();
    const me = await member("Dana", { gender: "woman", interestedIn: ["man"], birthDate: "1990-01-01", ageMin: 30, ageMax: 40 });
    const ids = new Set<number>();
    ids.add((await member("WantsMen", { gender: "man", interestedIn: ["man"] })).id);
    ids.add((await member("TooYoung", { gender: "man", interestedIn: ["woman"], birthDate: "2004-01-01" })).id);
    ids.add((await member("WantsYounger", { gender: "man", interestedIn: ["woman"], birthDate: "1990-01-01", ageMax: 30 })).id);
    ids.add((await member("Admin", { gender: "man", interestedIn: ["woman"], role: "admin" })).id);
    const banned = await member("Banned", { gender: "man", interestedIn: ["woman"] });
    await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });
    ids.add(banned.id);
    const blocker = await member("Blocker", { gender: "man", interestedIn: ["woman"] });
    await prisma.block.create({ data: { blockerId: blocker.id, blockedId: me.id } });
    ids.add(blocker.id);
    for (let i = 0; i < 5; i++) {
      const r = await api.find(me);
      if (!r.json.match) break;
      expect(ids.has(r.json.match.other_user.id)).toBe(false);
      await prisma.match.update({ where: { id: r.json.match.match_id }, data: { status: "passed" } });
    }
  });

  it("never proposes someone the member reported, or who reported the member", async () => {
    const { member } = world();
    const me = await member("Gia", { gender: "woman", interestedIn: ["man"] });
    const reported = await member("Reported", { gender: "man", interestedIn: ["woman"] });
    const reporter = await member("Reporter", { gender: "man", interestedIn: ["woman"] });
    await prisma.report.create({ data: { reporterId: me.id, reportedId: reported.id, reason: "spam" } });
    await prisma.report.create({ data: { reporterId: reporter.id, reportedId: me.id, reason: "harassment" } });
    // Same profile as the two above and created after them: on a tie the lower id wins, so
    // without the filter one of them would be proposed first.
    const fallback = await member("Fine", { gender: "man", interestedIn: ["woman"] });
    const r = await api.find(me);
    expect(r.json.match.other_user.id).toBe(fallback.id);
  });

  it("ranks recently active members first when compatibility is equal", async () => {
    const { member } = world();
    const me = await member("Eve", { gender: "woman", interestedIn: ["nonbinary"] });
    await member("Idle", { gender: "nonbinary", interestedIn: ["woman"], lastActiveAt: new Date(Date.now() - 5 * 24 * 3600_000) });
    const active = await member("Active", { gender: "nonbinary", interestedIn: ["woman"] });
    expect((await api.find(me)).json.match.other_user.id).toBe(active.id);
  });

  it("two concurrent requests for the same member never create the same pair twice", async () => {
    const { member } = world();
    const me = await member("Fay", { gender: "woman", interestedIn: ["man"] });
    await member("Gus", { gender: "man", interestedIn: ["woman"] });
    await member("Hal", { gender: "man", interestedIn: ["woman"] });
    const [a, b] = await Promise.all([api.find(me), api.find(me)]);
    const others = [a, b].filter((r) => r.json.match).map((r) => r.json.match.other_user.id);
    expect(new Set(others).size).toBe(others.length);
  });

  it("says so when nobody fits", async () => {
    const me = await createMember({ name: "Lonely", gender: "woman", interestedIn: ["nonbinary"], birthDate: "1950-01-01", ageMin: 70, ageMax: 71 });
    const r = await api.find(me);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ match: null, message: expect.stringMatching(/Nobody new/) });
  });
});
