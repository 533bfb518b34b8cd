// Session polling must not take row locks (issue 11, item 12): the call page's check-in is a
// plain conditional UPDATE of the member's own columns; the match lock is taken only when a time
// rule is due; and one member cannot hammer the endpoint (429 beyond a generous limit).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";
import { holdRowLock } from "@/test/hold-lock";

/** `p`, or "blocked" if it has not settled within `ms` (a bound, not a sleep: it ends early). */
function within<T>(p: Promise<T>, ms: number): Promise<T | "blocked"> {
  return Promise.race([p, new Promise<"blocked">((resolve) => setTimeout(() => resolve("blocked"), ms))]);
}

describe("GET /api/video/sessions/{id} as the check-in", () => {
  it("answers and records the check-in while another transaction holds the match lock", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    await api.join(john, id);
    // An old check-in, so the one recorded under the lock is told apart from it.
    const before = new Date(Date.now() - 10_000);
    await prisma.callSession.update({ where: { id }, data: { calleeSeenAt: before } });
    const lock = await holdRowLock("Match", match.id);
    try {
      const res = await within(api.session(john, id), 5_000);
      expect(res).not.toBe("blocked");
      expect(res).toMatchObject({ status: 200, json: { session: { status: "active", session_id: id } } });
      // Recorded while the lock was still held: the check-in never waits for it.
      const during = (await prisma.callSession.findUniqueOrThrow({ where: { id } })).calleeSeenAt!;
      expect(during.getTime()).toBeGreaterThan(before.getTime() + 5_000);
    } finally {
      await lock.release();
    }
  });

  it("a join on the same match completes while 50 polls of one member run", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    const polls = Array.from({ length: 50 }, () => api.session(sarah, id));
    const join = await api.join(john, id);
    expect(join.status).toBe(200);
    expect(join.json.session.status).toBe("active");
    const results = await Promise.all(polls);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
  });

  it("still ends a call whose other member vanished, taking the lock only then", async () => {
    const { sarah, john, match } = await createPair("matched");
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    await api.join(john, id);
    // John's page stopped checking in 31 s ago.
    await prisma.callSession.update({ where: { id }, data: { calleeSeenAt: new Date(Date.now() - 31_000) } });
    expect((await api.session(sarah, id)).json.session.status).toBe("completed");
  });

  it("refuses other members with 404 and changes nothing", async () => {
    const { sarah, match } = await createPair();
    const other = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    const row = await prisma.callSession.findUniqueOrThrow({ where: { id } });
    expect((await api.session(other.john, id)).status).toBe(404);
    expect(await prisma.callSession.findUniqueOrThrow({ where: { id } })).toEqual(row);
  });

  it("answers 429 to one member polling far faster than the call page does", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    const statuses: number[] = [];
    // 120 per 30 s are allowed: the page polls at most twice a second.
    for (let batch = 0; batch < 5; batch++) {
      const res = await Promise.all(Array.from({ length: 26 }, () => api.session(sarah, id)));
      statuses.push(...res.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const limited = await api.session(sarah, id);
    expect(limited).toMatchObject({ status: 429, json: { error: expect.stringMatching(/too often/) } });
    // The limit is per member: the other side of the call is not affected.
    expect((await api.session(john, id)).status).toBe(200);
  });
});
