// The match views read a summary of each match's calls from SQL, so their cost does not grow with
// the number of calls: two mutual matches can make ~60 sessions a minute between them.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { matchesFor, matchViewFor } from "@/lib/matches/view";
import { createPair } from "@/test/factories";
import { readVolume } from "@/test/round-trips";

async function pairWithCalls(n: number) {
  const { sarah, john, match } = await createPair("matched");
  const t0 = Date.now() - n * 120_000;
  await prisma.callSession.createMany({
    data: Array.from({ length: n }, (_, i) => {
      const createdAt = new Date(t0 + i * 120_000);
      const done = i % 3 !== 2; // every third call was missed
      return {
        matchId: match.id,
        callerId: i % 2 ? john.id : sarah.id,
        calleeId: i % 2 ? sarah.id : john.id,
        kind: i === 0 ? ("first" as const) : ("repeat" as const),
        status: done ? ("completed" as const) : ("missed" as const),
        createdAt,
        answeredAt: done ? createdAt : null,
        endedAt: new Date(createdAt.getTime() + (done ? 90_000 : 45_000)),
      };
    }),
  });
  return { sarah, john, match };
}

describe("the match views", () => {
  it("sum up calls in SQL: the same queries and the same bytes read for 3 calls as for 300", async () => {
    const few = await pairWithCalls(3);
    const many = await pairWithCalls(300);
    const a = await readVolume(() => matchesFor(few.sarah.id));
    const b = await readVolume(() => matchesFor(many.sarah.id));
    expect(b.count).toBe(a.count);
    expect(b.count).toBeLessThanOrEqual(2);
    expect(b.rows).toBe(a.rows);
    expect(b.bytes).toBeLessThan(a.bytes + 200); // only the numbers' digits differ
    const c = await readVolume(() => matchViewFor(many.match.id, many.john.id));
    expect(c.count).toBeLessThanOrEqual(2);
    expect(c.bytes).toBeLessThan(a.bytes + 200);
  });

  it("still count connected calls, talk time, and show the latest call", async () => {
    const { sarah, john, match } = await pairWithCalls(7);
    const [view] = await matchesFor(sarah.id);
    // Calls 0,1,3,4,6 connected for 90 s each: 450 s = 7.5 min → 8.
    expect(view).toMatchObject({ match_id: match.id, total_calls: 5, total_minutes: 8, live_session: null, can_call: true });
    const last = await prisma.callSession.findFirstOrThrow({ where: { matchId: match.id }, orderBy: { createdAt: "desc" } });
    expect(view!.last_call).toEqual({ session_id: last.id, status: "completed", i_am_caller: true, started_at: last.createdAt.toISOString(), duration_seconds: 90 });
    expect((await matchViewFor(match.id, john.id))!.last_call!.i_am_caller).toBe(false);
  });

  it("show the live call", async () => {
    const { sarah, john, match } = await pairWithCalls(2);
    const live = await prisma.callSession.create({ data: { matchId: match.id, callerId: john.id, calleeId: sarah.id, kind: "repeat", status: "ringing" } });
    const view = await matchViewFor(match.id, sarah.id);
    expect(view!.live_session).toEqual({ session_id: live.id, status: "ringing", i_am_caller: false });
    expect(view!.last_call!.session_id).toBe(live.id);
  });
});
