import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { callTiming } from "@/lib/calls/config";
import { setClock } from "@/lib/clock";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import { GET } from "./route";
import { durationSeconds } from "@/lib/calls/duration";
import { CALL_TYPE_LABEL } from "@/lib/calls/rules";

const history = (as: { id: number } | undefined, matchId: number | string) => call(GET, "GET", { as, params: { match_id: String(matchId) } });

async function session(matchId: number, callerId: number, calleeId: number, data: { status: "completed" | "missed" | "ringing" | "declined"; minutesAgo: number; seconds?: number; kind?: "first" | "repeat" }) {
  const createdAt = new Date(Date.now() - data.minutesAgo * 60_000);
  const answeredAt = data.seconds === undefined ? null : new Date(createdAt.getTime() + 2_000);
  const endedAt = answeredAt && new Date(answeredAt.getTime() + data.seconds! * 1000);
  return prisma.callSession.create({ data: { matchId, callerId, calleeId, kind: data.kind ?? "repeat", status: data.status, createdAt, answeredAt, endedAt } });
}

let restoreClock: (() => void) | undefined;
afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
});

describe("GET /api/video/call-history/{match_id}", () => {
  it("lists every session oldest first, with who called, times and durations, for either member", async () => {
    const { sarah, john, match } = await createPair("matched");
    const first = await session(match.id, sarah.id, john.id, { status: "completed", minutesAgo: 60, seconds: 45, kind: "first" });
    const missed = await session(match.id, john.id, sarah.id, { status: "missed", minutesAgo: 30 });
    const repeat = await session(match.id, john.id, sarah.id, { status: "completed", minutesAgo: 10, seconds: 600 });

    const res = await history(sarah, match.id);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      match_id: match.id,
      is_mutual_match: true,
      total_calls: 2,
      total_attempts: 3,
      calls: [
        {
          session_id: first.id,
          status: "completed",
          call_type: expect.any(String),
          caller_is_me: true,
          started_at: first.createdAt.toISOString(),
          answered_at: first.answeredAt!.toISOString(),
          ended_at: first.endedAt!.toISOString(),
          duration_seconds: 45,
          duration_minutes: 0.8,
        },
        expect.objectContaining({ session_id: missed.id, status: "missed", caller_is_me: false, answered_at: null, duration_seconds: 0, duration_minutes: 0 }),
        expect.objectContaining({ session_id: repeat.id, status: "completed", duration_seconds: 600, duration_minutes: 10 }),
      ],
    });
    const johns = await history(john, match.id);
    expect(johns.json.calls.map((c: { caller_is_me: boolean }) => c.caller_is_me)).toEqual([false, true, true]);
  });

  it("answers a match without calls with an empty list", async () => {
    const { sarah, match } = await createPair();
    expect(await history(sarah, match.id)).toEqual({
      status: 200,
      json: { match_id: match.id, is_mutual_match: false, total_calls: 0, total_attempts: 0, calls: [] },
    });
  });

  it("shows a ringing call nobody answered as missed once its ring timed out", async () => {
    const { sarah, john, match } = await createPair("matched");
    const ringing = await session(match.id, sarah.id, john.id, { status: "ringing", minutesAgo: 0 });
    expect((await history(john, match.id)).json.calls).toEqual([expect.objectContaining({ session_id: ringing.id, status: "ringing" })]);
    const later = new Date(Date.now() + (callTiming().ringTimeoutSeconds + 5) * 1000);
    restoreClock = setClock(() => later);
    expect((await history(john, match.id)).json.calls).toEqual([expect.objectContaining({ session_id: ringing.id, status: "missed" })]);
  });

  it("is 404 to anyone outside the match and for a blocked match, 400 for a malformed id, 401 signed out", async () => {
    const { sarah, john, match } = await createPair("matched");
    await session(match.id, sarah.id, john.id, { status: "completed", minutesAgo: 5, seconds: 30 });
    const stranger = await createMember({ name: "Eve" });
    expect(await history(stranger, match.id)).toEqual({ status: 404, json: { error: "Match not found." } });
    expect((await history(sarah, 2_000_000_000)).status).toBe(404);
    expect((await history(sarah, "abc")).status).toBe(400);
    expect((await history(undefined, match.id)).status).toBe(401);
    await prisma.match.update({ where: { id: match.id }, data: { status: "blocked" } });
    expect(await history(sarah, match.id)).toEqual({ status: 404, json: { error: "Match not found." } });
  });

  it("gives exactly what the JavaScript definitions give: times to the millisecond, durations rounded as Math.round", async () => {
    // PostgreSQL writes this JSON (lib/calls/queries.ts); these are the definitions it must match.
    const { sarah, john, match } = await createPair("matched");
    const base = Date.UTC(2026, 10, 1, 12, 0, 0, 7);
    const rows = [];
    let i = 0;
    // Every whole second to 10 minutes (every tie of duration_minutes' rounding: 3 s, 9 s, …),
    // and millisecond parts around duration_seconds' ties (a truncating SQL fails on 500–999 ms).
    for (let seconds = 0; seconds <= 600; seconds++) {
      for (const ms of seconds % 7 === 0 ? [0, 1, 499, 500, 501, 999] : [0]) {
        const createdAt = new Date(base + i++ * 61_003);
        const answeredAt = new Date(createdAt.getTime() + 1_234);
        rows.push({ matchId: match.id, callerId: i % 2 ? sarah.id : john.id, calleeId: i % 2 ? john.id : sarah.id, kind: "repeat" as const, status: "completed" as const, createdAt, answeredAt, endedAt: new Date(answeredAt.getTime() + seconds * 1000 + ms) });
      }
    }
    rows.push({ matchId: match.id, callerId: sarah.id, calleeId: john.id, kind: "first" as const, status: "missed" as const, createdAt: new Date(base + i++ * 61_003), answeredAt: null, endedAt: null });
    await prisma.callSession.createMany({ data: rows });
    const stored = await prisma.callSession.findMany({ where: { matchId: match.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

    const res = await history(sarah, match.id);
    expect(res.status).toBe(200);
    const expected = stored.map((c) => {
      const seconds = durationSeconds(c.answeredAt, c.endedAt);
      return {
        session_id: c.id,
        status: c.status,
        call_type: CALL_TYPE_LABEL[c.kind],
        caller_is_me: c.callerId === sarah.id,
        started_at: c.createdAt.toISOString(),
        answered_at: c.answeredAt?.toISOString() ?? null,
        ended_at: c.endedAt?.toISOString() ?? null,
        duration_seconds: seconds,
        duration_minutes: Math.round((seconds / 60) * 10) / 10,
      };
    });
    expect(res.json.calls).toEqual(expected);
    expect(res.json).toMatchObject({ match_id: match.id, is_mutual_match: true, total_calls: rows.length - 1, total_attempts: rows.length });
    // Key order as the API has always written it.
    expect(Object.keys(res.json)).toEqual(["match_id", "is_mutual_match", "total_calls", "total_attempts", "calls"]);
    expect(Object.keys(res.json.calls[0])).toEqual(Object.keys(expected[0]));
  });
});
