// The call-history cache (lib/calls/queries.ts historyCache, on lib/events/member-answer-cache.ts) on a
// real PostgreSQL with the real event listener: a repeated read costs no database round trip, yet
// every change to the match or its sessions is shown on the next read once its event is
// delivered, on every instance; a history with a live call is never answered from memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as historyRoute from "@/app/api/video/call-history/[match_id]/route";
import { cancelCall } from "@/lib/calls/end-call";
import { startCall } from "@/lib/calls/start-call";
import { dispatch } from "@/lib/events/hub";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import { stopListener, whenListening } from "@/lib/events/listener";
import { api } from "@/test/api";
import { delivered } from "@/test/events";
import { createPair } from "@/test/factories";
import { call, oneBrowserEach } from "@/test/http";
import { roundTrips } from "@/test/round-trips";
import { asSecondInstanceWithEvents } from "@/test/second-instance";

type Handler = Parameters<typeof call>[0];
const browser = oneBrowserEach();
const history = async (as: { id: number }, matchId: number, handler: Handler = historyRoute.GET) =>
  call(handler, "GET", { as, sessionId: await browser(as), params: { match_id: String(matchId) } });

beforeAll(() => whenListening());
afterAll(() => stopListener());

describe("call history from memory", () => {
  it("answers a repeated read with no round trip, and shows a new call once its events are delivered", async () => {
    const { sarah, john, match } = await createPair("matched");
    const first = await history(sarah, match.id);
    expect(first.json).toMatchObject({ total_attempts: 0, calls: [] });
    const warm = await roundTrips(() => history(sarah, match.id));
    expect(warm).toMatchObject({ count: 0, result: { status: 200, json: first.json } });

    // John calls and cancels: both events name Sarah too.
    const stopped = delivered("call.stopped_ringing", sarah.id);
    const { session } = await startCall(john.id, match.id);
    await cancelCall(john.id, session.session_id);
    await stopped;
    const after = await history(sarah, match.id);
    expect(after.json).toMatchObject({ total_attempts: 1, calls: [{ session_id: session.session_id, status: "cancelled", caller_is_me: false }] });
  });

  it("keeps one answer per match and per member (caller_is_me differs)", async () => {
    const { sarah, john, match } = await createPair("matched");
    const { session } = await startCall(john.id, match.id);
    const stopped = delivered("call.stopped_ringing", sarah.id);
    await cancelCall(john.id, session.session_id);
    await stopped;
    const other = await createPair("matched");
    const [sarahs, johns, others] = [await history(sarah, match.id), await history(john, match.id), await history(other.sarah, other.match.id)];
    expect(sarahs.json.calls[0].caller_is_me).toBe(false);
    expect(johns.json.calls[0].caller_is_me).toBe(true);
    expect(others.json.total_attempts).toBe(0);
    for (const [who, id, json] of [[sarah, match.id, sarahs.json], [john, match.id, johns.json], [other.sarah, other.match.id, others.json]] as const) {
      expect(await roundTrips(() => history(who, id))).toMatchObject({ count: 0, result: { json } });
    }
  });

  it("shows a match change at once: unmatched is no longer mutual, and a block makes it 404", async () => {
    const { sarah, john, match } = await createPair("matched");
    expect((await history(john, match.id)).json.is_mutual_match).toBe(true);
    const unmatched = delivered("match.changed", john.id);
    expect((await api.unmatch(sarah, match.id)).status).toBe(200);
    await unmatched;
    expect((await history(john, match.id)).json.is_mutual_match).toBe(false);

    const again = await createPair("matched");
    expect((await history(again.john, again.match.id)).status).toBe(200);
    const blocked = delivered("match.changed", again.john.id);
    expect((await api.block(again.sarah, again.match.id)).status).toBe(200);
    await blocked;
    expect((await history(again.john, again.match.id)).status).toBe(404);
  });

  it("never keeps a history while one of its calls is live (time rules change it with no event)", async () => {
    const { sarah, john, match } = await createPair("matched");
    await startCall(john.id, match.id);
    for (let i = 0; i < 2; i++) {
      const read = await roundTrips(() => history(sarah, match.id));
      expect(read.result.json.calls).toEqual([expect.objectContaining({ status: "ringing" })]);
      expect(read.count).toBeGreaterThan(0);
    }
  });

  it("drops a second instance's history when a call is made through the first", async () => {
    const { sarah, john, match } = await createPair("matched");
    const b = await asSecondInstanceWithEvents(() => import("@/app/api/video/call-history/[match_id]/route"));
    try {
      expect((await history(sarah, match.id, b.mod.GET)).json.total_attempts).toBe(0);
      expect((await roundTrips(() => history(sarah, match.id, b.mod.GET))).count).toBe(0);
      const onB = delivered("call.stopped_ringing", sarah.id, b.onEvent);
      const { session } = await startCall(john.id, match.id);
      await cancelCall(john.id, session.session_id);
      await onB;
      expect((await history(sarah, match.id, b.mod.GET)).json).toMatchObject({ total_attempts: 1, calls: [{ status: "cancelled" }] });
    } finally {
      await b.close();
    }
  });
});

describe("memberAnswerCache keys and bounds", () => {
  const load = (value: string) => async () => ({ value });

  it("keeps answers per key, and an event about the member drops all of them", async () => {
    const cache = memberAnswerCache<string>({ ttlMs: 30_000, maxKeysPerMember: 4 });
    await cache.read(7, load("match 1"), 1);
    await cache.read(7, load("match 2"), 2);
    await cache.read(8, load("other member"), 1);
    expect([cache.peek(7, 1), cache.peek(7, 2), cache.peek(8, 1)]).toEqual(["match 1", "match 2", "other member"]);
    dispatch({ type: "match.changed", userIds: [7], matchId: 1, status: "unmatched" });
    expect([cache.peek(7, 1), cache.peek(7, 2), cache.peek(8, 1)]).toEqual([undefined, undefined, "other member"]);
  });

  it("evicts a member's least recently filled key beyond maxKeysPerMember", async () => {
    const cache = memberAnswerCache<string>({ ttlMs: 30_000, maxKeysPerMember: 2 });
    for (const k of [1, 2, 3]) await cache.read(7, load(`m${k}`), k);
    expect([cache.peek(7, 1), cache.peek(7, 2), cache.peek(7, 3)]).toEqual([undefined, "m2", "m3"]);
  });

  it("holds at most maxEntries answers in all, however many keys each member may have", async () => {
    const cache = memberAnswerCache<string>({ ttlMs: 30_000, maxEntries: 3, maxKeysPerMember: 16 });
    for (const k of [1, 2]) await cache.read(7, load(`m${k}`), k);
    for (const k of [1, 2]) await cache.read(8, load(`n${k}`), k);
    expect(cache.weight()).toBe(3);
    expect([cache.peek(7, 1), cache.peek(7, 2), cache.peek(8, 1), cache.peek(8, 2)]).toEqual([undefined, "m2", "n1", "n2"]);
  });

  it("holds at most maxWeight: the least recently filled members go first, and an answer heavier than the whole budget is not kept", async () => {
    const cache = memberAnswerCache<string>({ ttlMs: 30_000, maxKeysPerMember: 4, weigh: (v) => v.length, maxWeight: 10 });
    await cache.read(1, load("aaaa"), 1);
    await cache.read(2, load("bbbb"), 1);
    expect(cache.weight()).toBe(8);
    await cache.read(3, load("cccc"), 1); // 12 > 10: member 1 goes
    expect([cache.peek(1, 1), cache.peek(2, 1), cache.peek(3, 1)]).toEqual([undefined, "bbbb", "cccc"]);
    expect(cache.weight()).toBe(8);
    expect(await cache.read(4, load("x".repeat(11)), 1)).toBe("x".repeat(11)); // answered, not kept
    expect(cache.peek(4, 1)).toBeUndefined();
    expect(cache.weight()).toBeLessThanOrEqual(10);
  });
});
