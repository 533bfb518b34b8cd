// Every endpoint of the calls and matches API against strangers, signed-out clients, banned
// members and bad input: always a 4xx with { error }, never data, and the database unchanged.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { api, routes } from "@/test/api";
import { createMember, createPair } from "@/test/factories";


/** A snapshot of everything the API can change, to assert a refused request changed nothing. */
async function snapshot() {
  const [matches, sessions, signals, blocks] = await Promise.all([
    prisma.match.findMany({ orderBy: { id: "asc" } }),
    prisma.callSession.findMany({ orderBy: { id: "asc" } }),
    prisma.callSignal.count(),
    prisma.block.count(),
  ]);
  return JSON.stringify({ matches, sessions, signals, blocks });
}

async function setup() {
  const { sarah, john, match } = await createPair("matched");
  const stranger = await createMember({ name: "Mallory", gender: "man", interestedIn: ["woman"] });
  const banned = await createMember({ name: "Banned", gender: "man", interestedIn: ["woman"] });
  const session = (await api.startCall(sarah, match.id)).json;
  await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });
  return { sarah, john, match, stranger, banned, session };
}

function expectError(res: { status: number; json: unknown }, statuses: number[]) {
  expect(statuses).toContain(res.status);
  expect(res.json).toEqual(expect.objectContaining({ error: expect.any(String) }));
  const body = JSON.stringify(res.json);
  // No data leaks: no session ids, names or match fields in an error.
  expect(body).not.toMatch(/"(session_id|other_user_name|other_user|pending_calls|active_sessions|calls|matches)"\s*:/);
}

describe("authorization matrix", () => {
  it("signed-out clients get 401 on every endpoint", async () => {
    const { match, session } = await setup();
    const before = await snapshot();
    const id = session.session_id;
    for (const res of [
      await api.startCall(null, match.id),
      await api.incomingCalls(null),
      await api.activeSessions(null),
      await api.history(null, match.id),
      await api.join(null, id),
      await api.decline(null, id),
      await api.cancel(null, id),
      await api.end(null, id),
      await api.matches(null),
      await api.find(null),
      await api.decide(null, match.id, "like"),
      await api.unmatch(null, match.id),
      await api.block(null, match.id),
    ]) {
      expectError(res, [401]);
    }
    expect(await snapshot()).toBe(before);
  });

  it("a banned member is treated as signed out everywhere", async () => {
    const { match, session, banned } = await setup();
    const before = await snapshot();
    for (const res of [
      await api.startCall(banned, match.id),
      await api.incomingCalls(banned),
      await api.activeSessions(banned),
      await api.history(banned, match.id),
      await api.join(banned, session.session_id),
      await api.end(banned, session.session_id),
      await api.matches(banned),
      await api.find(banned),
      await api.decide(banned, match.id, "like"),
    ]) {
      expectError(res, [401]);
    }
    expect(await snapshot()).toBe(before);
  });

  it("a third member gets 404 for another match and another session, and sees nothing of them", async () => {
    const { match, session, stranger } = await setup();
    const before = await snapshot();
    const id = session.session_id;
    for (const res of [
      await api.startCall(stranger, match.id),
      await api.history(stranger, match.id),
      await api.join(stranger, id),
      await api.decline(stranger, id),
      await api.cancel(stranger, id),
      await api.end(stranger, id),
      await api.decide(stranger, match.id, "like"),
      await api.unmatch(stranger, match.id),
      await api.block(stranger, match.id),
    ]) {
      expectError(res, [404]);
    }
    expect((await api.incomingCalls(stranger)).json).toEqual({ pending_calls: [] });
    expect((await api.activeSessions(stranger)).json).toEqual({ active_sessions: [] });
    expect((await api.matches(stranger)).json).toEqual({ matches: [] });
    expect(await snapshot()).toBe(before);
  });

  it("a banned caller's ringing call disappears from the callee's notifications", async () => {
    const { sarah, john, match } = await createPair("matched");
    await api.startCall(sarah, match.id);
    expect((await api.incomingCalls(john)).json.pending_calls).toHaveLength(1);
    await prisma.user.update({ where: { id: sarah.id }, data: { bannedAt: new Date() } });
    expect((await api.incomingCalls(john)).json.pending_calls).toEqual([]);
    expect((await api.startCall(john, match.id)).status).toBe(409);
  });
});

describe("bad input on every endpoint", () => {
  const badIds = ["-1", "0", "1.5", "abc", "99999999999", "1e3", " 1", "", "null"];
  const badUuids = ["not-a-uuid", "123", "'; DROP TABLE \"User\"; --", "00000000-0000-0000-0000-00000000000g"];

  it("match ids: negative, zero, fractional, non-numeric, huge → 400; unknown → 404", async () => {
    const { sarah } = await setup();
    const before = await snapshot();
    for (const id of badIds) {
      expectError(await api.history(sarah, id), [400]);
      expectError(await api.decide(sarah, id, "like"), [400]);
      expectError(await api.unmatch(sarah, id), [400]);
      expectError(await api.block(sarah, id), [400]);
    }
    for (const id of [-1, 0, 1.5, "4", null, true, [], {}, 2 ** 31]) {
      expectError(await api.startCall(sarah, id), [400]);
    }
    expectError(await api.startCall(sarah, 2_000_000_000), [404]);
    expectError(await api.history(sarah, 2_000_000_000), [404]);
    expectError(await api.decide(sarah, 2_000_000_000, "like"), [404]);
    expect(await snapshot()).toBe(before);
  });

  it("session ids: malformed → 400; unknown UUID → 404", async () => {
    const { sarah } = await setup();
    const before = await snapshot();
    for (const id of badUuids) {
      for (const action of [api.join, api.decline, api.cancel, api.end]) expectError(await action(sarah, id), [400]);
    }
    for (const action of [api.join, api.decline, api.cancel, api.end]) expectError(await action(sarah, randomUUID()), [404]);
    expect(await snapshot()).toBe(before);
  });

  it("bodies: malformed JSON, wrong types, extra fields, wrong content type, oversized → 4xx", async () => {
    const { sarah, match, session } = await setup();
    const before = await snapshot();
    const startCall = (init: { rawBody?: string; body?: unknown; headers?: Record<string, string> }) =>
      call(routes.startCallRoute.POST, "POST", { as: sarah, ...init });
    expectError(await startCall({ rawBody: "{" }), [400]);
    expectError(await startCall({ rawBody: "[1,2]" }), [400]);
    expectError(await startCall({ rawBody: '"4"' }), [400]);
    expectError(await startCall({ rawBody: "" }), [400]);
    expectError(await startCall({ body: { match_id: match.id, extra: 1 } }), [400]);
    expectError(await startCall({ body: { matchId: match.id } }), [400]);
    expectError(await startCall({ rawBody: `match_id=${match.id}`, headers: { "content-type": "application/x-www-form-urlencoded" } }), [400]);
    expectError(await startCall({ rawBody: JSON.stringify({ match_id: match.id, pad: "x".repeat(40_000) }) }), [413]);
    const decide = (body: unknown) => call(routes.decisionRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body });
    for (const body of [{ decision: "love" }, { decision: 1 }, {}, { decision: "like", also: "pass" }, { decision: null }]) {
      expectError(await decide(body), [400]);
    }
    const end = (body: unknown) => call(routes.endRoute.POST, "POST", { as: sarah, params: { session_id: session.session_id }, body });
    expectError(await end({ reason: "boom" }), [400]);
    expectError(await end({ reason: "hangup", x: 1 }), [400]);
    expect(await snapshot()).toBe(before);
  });

  it("state conflicts are 409 with a message", async () => {
    const { sarah, john, match, session } = await setup();
    const before = await snapshot();
    expectError(await api.decline(sarah, session.session_id), [409]);
    expectError(await api.cancel(john, session.session_id), [409]);
    expectError(await api.decide(sarah, match.id, "like"), [409]);
    expect(await snapshot()).toBe(before);
  });
});
