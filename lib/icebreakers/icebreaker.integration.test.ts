import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import * as icebreakerRoute from "@/app/api/video/sessions/[session_id]/icebreaker/route";
import { api } from "@/test/api";
import { call } from "@/test/http";
import { expectRefused, snapshot } from "@/test/refusals";
import { createMatch, createMember, createPair } from "@/test/factories";
import { delivered } from "@/test/events";
import { stopListener, whenListening } from "@/lib/events/listener";

beforeAll(() => whenListening());
afterAll(() => stopListener());

const another = (as: { id: number } | null, sessionId: string, body: unknown) =>
  call(icebreakerRoute.POST, "POST", { as, params: { session_id: sessionId }, body });

async function answered(matchStatus: "pending" | "matched" = "pending") {
  const sarah = await createMember({ name: "Sarah", gender: "woman", interestedIn: ["man"] });
  const john = await createMember({ name: "John", gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(sarah, john, matchStatus);
  const sessionId = (await api.startCall(sarah, match.id)).json.session_id as string;
  expect((await api.join(john, sessionId)).status).toBe(200);
  return { sarah, john, match, sessionId };
}

/** What a refused request could have touched, the prompts included. */
async function everything() {
  const prompts = await prisma.callSession.findMany({ orderBy: { id: "asc" }, select: { id: true, icebreakerTurn: true } });
  return JSON.stringify({ base: await snapshot(), prompts });
}

describe("icebreakers", () => {
  it("a first call shows both members the same prompt, chosen from the session", async () => {
    const { sarah, john, sessionId } = await answered();
    const a = (await api.session(sarah, sessionId)).json.session.icebreaker;
    const b = (await api.session(john, sessionId)).json.session.icebreaker;
    expect(a).toEqual({ turn: 0, prompt: expect.any(String) });
    expect(b).toEqual(a);
  });

  it("'Another one' moves it on for both, and tells the other member's stream", async () => {
    const { sarah, john, sessionId } = await answered();
    const told = delivered("session.changed", john.id);
    const res = await another(sarah, sessionId, { seen_turn: 0 });
    expect(res.status).toBe(200);
    expect(res.json.session.icebreaker.turn).toBe(1);
    expect(await told).toMatchObject({ sessionId, userIds: expect.arrayContaining([sarah.id, john.id]) });
    expect((await api.session(john, sessionId)).json.session.icebreaker).toEqual(res.json.session.icebreaker);
  });

  it("two taps on the same prompt move it once: both answer the same next prompt", async () => {
    const { sarah, john, sessionId } = await answered();
    const [a, b] = await Promise.all([another(sarah, sessionId, { seen_turn: 0 }), another(john, sessionId, { seen_turn: 0 })]);
    expect(a.json.session.icebreaker).toEqual({ turn: 1, prompt: expect.any(String) });
    expect(b.json.session.icebreaker).toEqual(a.json.session.icebreaker);
  });

  it("a repeat call shows none until a member asks", async () => {
    const { sarah, john, sessionId } = await answered("matched");
    expect((await api.session(john, sessionId)).json.session.icebreaker).toBeNull();
    const res = await another(john, sessionId, { seen_turn: null });
    expect(res.json.session.icebreaker).toEqual({ turn: 0, prompt: expect.any(String) });
    expect((await api.session(sarah, sessionId)).json.session.icebreaker).toEqual(res.json.session.icebreaker);
  });

  it("refuses strangers (404), the signed out (401), bad input (400) and a call not in progress (409), changing nothing", async () => {
    const { sarah, sessionId } = await answered();
    const stranger = await createMember({ name: "Eve" });
    const before = await everything();
    expectRefused(await another(stranger, sessionId, { seen_turn: 0 }), 404);
    expectRefused(await another(null, sessionId, { seen_turn: 0 }), 401);
    expectRefused(await another(sarah, "not-a-uuid", { seen_turn: 0 }), 400);
    expectRefused(await another(sarah, sessionId, {}), 400);
    expectRefused(await another(sarah, sessionId, { seen_turn: -1 }), 400);
    expectRefused(await another(sarah, sessionId, { seen_turn: "0" }), 400);
    expectRefused(await another(sarah, sessionId, { seen_turn: 0, turn: 3 }), 400);
    expectRefused(await another(sarah, "00000000-0000-4000-8000-000000000000", { seen_turn: 0 }), 404);
    expect(await everything()).toBe(before);

    const ringing = await createPair();
    const ringingId = (await api.startCall(ringing.sarah, ringing.match.id)).json.session_id as string;
    const beforeRinging = await everything();
    const early = await another(ringing.john, ringingId, { seen_turn: 0 });
    expect(early).toEqual({ status: 409, json: { error: expect.any(String), code: "not_active" } });
    expect(await everything()).toBe(beforeRinging);
  });
});
