import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findMatchFor } from "@/lib/matching/engine";
import * as reportRoute from "@/app/api/matches/[match_id]/report/route";
import { api } from "@/test/api";
import { call } from "@/test/http";
import { createMember, createPair } from "@/test/factories";


const reportApi = (as: { id: number } | null, matchId: unknown, body: unknown) =>
  call(reportRoute.POST, "POST", { as, params: { match_id: String(matchId) }, body });

async function ringingCall(caller: { id: number }, matchId: number) {
  const res = await api.startCall(caller, matchId);
  expect(res.status).toBe(200);
  return res.json.session_id as string;
}

describe("POST /api/matches/{id}/report", () => {
  it("stores the report with the match's latest call as evidence, for the admin queue", async () => {
    const { sarah, john, match } = await createPair();
    const sessionId = await ringingCall(sarah, match.id);
    await api.join(john, sessionId);
    await api.end(john, sessionId);

    const res = await reportApi(john, match.id, { reason: "inappropriate_on_camera", details: "  Not okay.  " });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ match_id: match.id, status: "open", blocked: false });
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: res.json.report_id } });
    expect(stored).toMatchObject({ reporterId: john.id, reportedId: sarah.id, matchId: match.id, sessionId, reason: "inappropriate_on_camera", details: "Not okay." });
    expect(stored.evidence).toMatchObject({ session_id: sessionId, source: "match", kind: "first", status: "completed", calls_in_match: 1 });
    expect(stored.evidence).toHaveProperty("duration_seconds");
    expect(stored.evidence).toHaveProperty("answered_at");
    // Reporting alone does not end the match.
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  });

  it("from the call page carries that call, and 'also block' blocks in the same request", async () => {
    const { sarah, john, match } = await createPair();
    const sessionId = await ringingCall(sarah, match.id);
    await api.join(john, sessionId);

    const res = await reportApi(sarah, match.id, { reason: "harassment", session_id: sessionId, also_block: true });
    expect(res.status).toBe(201);
    expect(res.json.blocked).toBe(true);
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: res.json.report_id } });
    expect(stored.evidence).toMatchObject({ session_id: sessionId, source: "call", status: "active" });
    expect(stored.details).toBeNull();
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("blocked");
    expect(await prisma.block.count({ where: { blockerId: sarah.id, blockedId: john.id } })).toBe(1);
    // The live call ended with the block.
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("completed");
  });

  it("without any call stores no evidence", async () => {
    const { sarah, match } = await createPair();
    const res = await reportApi(sarah, match.id, { reason: "fake_profile" });
    expect(res.status).toBe(201);
    expect((await prisma.report.findUniqueOrThrow({ where: { id: res.json.report_id } })).evidence).toBeNull();
  });

  it.each([
    ["an unknown reason", { reason: "rude" }],
    ["a missing reason", { details: "x" }],
    ["details over 1,000 characters", { reason: "other", details: "x".repeat(1001) }],
    ["a non-string details", { reason: "other", details: 5 }],
    ["an unknown field", { reason: "spam", evidence: { fake: true } }],
    ["a session id that isn't a UUID", { reason: "spam", session_id: "abc" }],
    ["also_block that isn't a boolean", { reason: "spam", also_block: "yes" }],
  ])("refuses %s with 400 and stores nothing", async (_, body) => {
    const { sarah, match } = await createPair();
    const res = await reportApi(sarah, match.id, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual(expect.any(String));
    expect(await prisma.report.count({ where: { reporterId: sarah.id } })).toBe(0);
    expect(await prisma.block.count({ where: { blockerId: sarah.id } })).toBe(0);
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
  });

  it("accepts exactly 1,000 characters of details", async () => {
    const { sarah, match } = await createPair();
    expect((await reportApi(sarah, match.id, { reason: "other", details: "y".repeat(1000) })).status).toBe(201);
  });

  it("refuses a session of another match with 404 — and then neither reports nor blocks", async () => {
    const { sarah, match } = await createPair();
    const other = await createPair();
    const foreign = await ringingCall(other.sarah, other.match.id);
    const res = await reportApi(sarah, match.id, { reason: "spam", session_id: foreign, also_block: true });
    expect(res.status).toBe(404);
    expect(await prisma.report.count({ where: { reporterId: sarah.id } })).toBe(0);
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
  });

  it("only a member of the match may report it; signed out is 401", async () => {
    const { match } = await createPair();
    const stranger = await createMember({ name: "Eve" });
    expect((await reportApi(stranger, match.id, { reason: "spam" })).status).toBe(404);
    expect((await reportApi(null, match.id, { reason: "spam" })).status).toBe(401);
    expect((await reportApi(stranger, "abc", { reason: "spam" })).status).toBe(400);
    expect(await prisma.report.count({ where: { matchId: match.id } })).toBe(0);
  });

  it("one open report per pair: a second is a 409", async () => {
    const { sarah, match } = await createPair();
    expect((await reportApi(sarah, match.id, { reason: "spam" })).status).toBe(201);
    const again = await reportApi(sarah, match.id, { reason: "harassment" });
    expect(again.status).toBe(409);
    expect(await prisma.report.count({ where: { reporterId: sarah.id } })).toBe(1);
  });

  it("the blocker can still report after blocking; the blocked member cannot report back", async () => {
    const { sarah, john, match } = await createPair();
    expect((await api.block(sarah, match.id)).status).toBe(200);
    expect((await reportApi(john, match.id, { reason: "spam" })).status).toBe(404);
    const res = await reportApi(sarah, match.id, { reason: "harassment", also_block: true });
    expect(res.status).toBe(201);
    expect(res.json.blocked).toBe(false);
  });
});

describe("block", () => {
  it("ends a ringing call, hides the match and the call both ways, and the two are never matched again", async () => {
    // An age band nobody else in the shared test database uses keeps other candidates out.
    const only = { birthDate: "1931-01-01", ageMin: 90, ageMax: 99 };
    const sarah = await createMember({ name: "Sarah", gender: "woman", interestedIn: ["nonbinary"], ...only });
    const sam = await createMember({ name: "Sam", gender: "nonbinary", interestedIn: ["woman"], ...only });
    const found = await findMatchFor(sarah.id);
    expect(found).not.toBeNull();
    const matchId = found!.match_id;
    const sessionId = await ringingCall(sam, matchId);
    expect((await api.incomingCalls(sarah)).json.pending_calls.map((c: { session_id: string }) => c.session_id)).toContain(sessionId);

    expect((await api.block(sarah, matchId)).status).toBe(200);

    for (const who of [sarah, sam]) {
      const ids = (await api.matches(who)).json.matches.map((m: { match_id: number }) => m.match_id);
      expect(ids).not.toContain(matchId);
      expect((await api.activeSessions(who)).json.active_sessions).toEqual([]);
      expect((await api.history(who, matchId)).status).toBe(404);
    }
    expect((await api.incomingCalls(sarah)).json.pending_calls).toEqual([]);
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("cancelled");
    expect((await api.startCall(sam, matchId)).status).toBe(404);

    // Neither side is proposed to the other again, whoever asks.
    // (Calls are the other member's history and Restrict their match's deletion: they go first.)
    await prisma.callSession.deleteMany({ where: { matchId } });
    await prisma.match.delete({ where: { id: matchId } });
    expect(await findMatchFor(sarah.id)).toBeNull();
    expect(await findMatchFor(sam.id)).toBeNull();
  });
});
