// A member is never in two active calls. Answering is the one move that makes a call active, and
// the member who placed the ringing call may have answered another call (on another match) since:
// found by the fuzz suite (app/api/fuzz-lifecycle.test.ts). Before the fix, Ben answering Ana's
// still-ringing call put Ana in two active calls at once.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createMatch, createMember } from "@/test/factories";

async function activeCallsOf(userId: number) {
  return prisma.callSession.count({ where: { status: "active", OR: [{ callerId: userId }, { calleeId: userId }] } });
}

async function threeMembers(status: "pending" | "matched") {
  const ana = await createMember({ name: "Ana", gender: "woman", interestedIn: ["man"] });
  const ben = await createMember({ name: "Ben", gender: "man", interestedIn: ["woman"] });
  const cal = await createMember({ name: "Cal", gender: "man", interestedIn: ["woman"] });
  const withBen = await createMatch(ana, ben, status);
  const withCal = await createMatch(ana, cal, status);
  return { ana, ben, cal, withBen, withCal };
}

describe("answering a call whose caller has since answered another", () => {
  it("is refused with 409 and changes nothing, for strangers without saying why", async () => {
    const { ana, ben, cal, withBen, withCal } = await threeMembers("pending");
    const toBen = (await api.startCall(ana, withBen.id)).json;
    const fromCal = (await api.startCall(cal, withCal.id)).json;
    expect((await api.join(ana, fromCal.session_id)).status).toBe(200);

    const before = await prisma.callSession.findMany({ orderBy: { id: "asc" } });
    const join = await api.join(ben, toBen.session_id);
    expect(join.status).toBe(409);
    expect(join.json).toEqual({ error: "Ana isn't available right now.", code: "unavailable" });
    expect(await prisma.callSession.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await activeCallsOf(ana.id)).toBe(1);

    // Pressing Call back (which answers the call ringing for you) is refused the same way.
    const back = await api.startCall(ben, withBen.id);
    expect(back.status).toBe(409);
    expect(back.json.code).toBe("unavailable");
    expect(await activeCallsOf(ana.id)).toBe(1);
  });

  it("tells a mutual match the caller is in another call", async () => {
    const { ana, ben, cal, withBen, withCal } = await threeMembers("matched");
    const toBen = (await api.startCall(ana, withBen.id)).json;
    const fromCal = (await api.startCall(cal, withCal.id)).json;
    expect((await api.join(ana, fromCal.session_id)).status).toBe(200);
    const join = await api.join(ben, toBen.session_id);
    expect(join.status).toBe(409);
    expect(join.json).toEqual({ error: "Ana is in another call.", code: "busy" });
  });

  it("two answers at once on two matches of one member: exactly one connects", async () => {
    for (let round = 0; round < 10; round++) {
      const { ana, ben, cal, withBen, withCal } = await threeMembers("pending");
      const toBen = (await api.startCall(ana, withBen.id)).json;
      const fromCal = (await api.startCall(cal, withCal.id)).json;
      const replies = await Promise.all([api.join(ben, toBen.session_id), api.join(ana, fromCal.session_id)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await activeCallsOf(ana.id)).toBe(1);
    }
  });
});
