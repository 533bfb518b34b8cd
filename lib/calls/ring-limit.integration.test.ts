// Harassment by ringing (issue 11, item 7): a per-pair ring limit, and pending strangers cannot
// probe whether a member is busy, on do-not-disturb or banned.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { setClock } from "@/lib/clock";
import { createMatch, createMember, createPair } from "@/test/factories";

let t = 0;
let restore: () => void;
const clock = { advance: (seconds: number) => void (t += seconds * 1000), now: () => new Date(t) };
beforeEach(() => {
  t = Date.now();
  restore = setClock(clock.now);
});
afterEach(() => restore());

type Who = { id: number };

/** One call from `caller` that ends unanswered in the way given. */
async function unanswered(caller: Who, callee: Who, matchId: number, how: "declined" | "cancelled" | "missed") {
  const start = await api.startCall(caller, matchId);
  expect(start.status).toBe(200);
  const id: string = start.json.session_id;
  if (how === "declined") expect((await api.decline(callee, id)).status).toBe(200);
  if (how === "cancelled") expect((await api.cancel(caller, id)).status).toBe(200);
  if (how === "missed") clock.advance(45);
  clock.advance(1);
  return id;
}

/** One call from `caller` that `callee` answers, then hangs up. */
async function answered(caller: Who, callee: Who, matchId: number) {
  const start = await api.startCall(caller, matchId);
  expect((await api.join(callee, start.json.session_id)).status).toBe(200);
  clock.advance(5);
  expect((await api.end(callee, start.json.session_id)).status).toBe(200);
  clock.advance(1);
}

const sessions = (matchId: number) => prisma.callSession.count({ where: { matchId } });

describe("the per-pair ring limit", () => {
  it("refuses a 4th call after 3 unanswered ones in a row, for an hour since the last of them", async () => {
    const { sarah, john, match } = await createPair("matched");
    await unanswered(sarah, john, match.id, "declined");
    await unanswered(sarah, john, match.id, "cancelled");
    await unanswered(sarah, john, match.id, "missed"); // ended 45 s after it started; 1 s has passed since

    const before = await sessions(match.id);
    const refused = await api.startCall(sarah, match.id);
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      error: "John hasn't answered your last 3 calls. You can call John again in 60 minutes.",
      code: "ring_limit",
    });
    expect(await sessions(match.id)).toBe(before);

    // The callee's own calls back are not limited (and do not lift the caller's limit).
    const back = await api.startCall(john, match.id);
    expect(back.status).toBe(200);
    expect((await api.cancel(john, back.json.session_id)).status).toBe(200);
    expect((await api.startCall(sarah, match.id)).json.code).toBe("ring_limit");

    clock.advance(3600 - 2); // one second short of an hour since the last unanswered call ended
    const almost = await api.startCall(sarah, match.id);
    expect(almost.status).toBe(409);
    expect(almost.json.error).toBe("John hasn't answered your last 3 calls. You can call John again in 1 minute.");
    clock.advance(1);
    expect((await api.startCall(sarah, match.id)).status).toBe(200);
  });

  it("an answered call resets the streak, whoever placed it", async () => {
    const { sarah, john, match } = await createPair("matched");
    await unanswered(sarah, john, match.id, "missed");
    await unanswered(sarah, john, match.id, "declined");
    await answered(sarah, john, match.id);
    for (let i = 0; i < 3; i++) await unanswered(sarah, john, match.id, "declined");
    expect((await api.startCall(sarah, match.id)).json.code).toBe("ring_limit");

    // John calls back and Sarah answers: Sarah may call again at once.
    await answered(john, sarah, match.id);
    const again = await api.startCall(sarah, match.id);
    expect(again.status).toBe(200);
    expect(again.json.status).toBe("ringing");
  });

  it("applies to a pending match's first call too, per caller", async () => {
    const { sarah, john, match } = await createPair();
    for (const how of ["declined", "declined", "cancelled"] as const) await unanswered(sarah, john, match.id, how);
    expect((await api.startCall(sarah, match.id)).json.code).toBe("ring_limit");
    expect((await api.startCall(john, match.id)).status).toBe(200);
  });
});

describe("what a pending stranger learns about the member they call", () => {
  async function pendingAndMutual() {
    const john = await createMember({ name: "John", gender: "man", interestedIn: ["woman"] });
    const sarah = await createMember({ name: "Sarah", gender: "woman", interestedIn: ["man"] });
    const maya = await createMember({ name: "Maya", gender: "woman", interestedIn: ["man"] });
    return { john, sarah, maya, pending: await createMatch(sarah, john, "pending"), mutual: await createMatch(maya, john, "matched") };
  }
  const generic = { error: "John isn't available right now.", code: "unavailable" };

  it("busy: the same generic answer as do-not-disturb and a ban; a mutual match hears the reason", async () => {
    const { john, sarah, maya, pending, mutual } = await pendingAndMutual();
    const eve = await createMember({ name: "Eve", gender: "woman", interestedIn: ["man"] });
    const other = await createMatch(eve, john, "matched");
    const s = await api.startCall(eve, other.id);
    expect((await api.join(john, s.json.session_id)).status).toBe(200);

    const stranger = await api.startCall(sarah, pending.id);
    expect(stranger.status).toBe(409);
    expect(stranger.json).toEqual(generic);
    const friend = await api.startCall(maya, mutual.id);
    expect(friend.status).toBe(409);
    expect(friend.json).toEqual({ error: "John is in another call.", code: "busy" });
    expect(await sessions(pending.id)).toBe(0);
  });

  it("do-not-disturb", async () => {
    const { john, sarah, maya, pending, mutual } = await pendingAndMutual();
    await prisma.user.update({ where: { id: john.id }, data: { dndUntil: new Date(clock.now().getTime() + 3600_000) } });

    const stranger = await api.startCall(sarah, pending.id);
    expect(stranger.status).toBe(409);
    expect(stranger.json).toEqual(generic);
    const friend = await api.startCall(maya, mutual.id);
    expect(friend.status).toBe(409);
    expect(friend.json).toEqual({ error: "John isn't taking calls right now.", code: "do_not_disturb" });
    expect(await sessions(pending.id)).toBe(0);
  });

  it("banned", async () => {
    const { john, sarah, maya, pending, mutual } = await pendingAndMutual();
    await prisma.user.update({ where: { id: john.id }, data: { bannedAt: clock.now() } });

    const stranger = await api.startCall(sarah, pending.id);
    expect(stranger.status).toBe(409);
    expect(stranger.json).toEqual(generic);
    const friend = await api.startCall(maya, mutual.id);
    expect(friend.status).toBe(409);
    expect(friend.json).toEqual({ error: "John is no longer available.", code: "unavailable" });
    expect(await sessions(pending.id)).toBe(0);
  });
});
