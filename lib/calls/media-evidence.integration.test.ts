// The first-call rule cannot be bypassed (issue 11, item 6): whether a call's media connected is
// decided by the server from evidence — a member's page reporting remote media, LiveKit seeing a
// member publish (app/api/livekit/webhook/route.test.ts), or both members checking in for 20 s
// of the call — never by the client's `media_failed` alone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";

let t = 0;
let restore: () => void;
const advance = (seconds: number) => void (t += seconds * 1000);
beforeEach(() => {
  t = Date.now();
  restore = setClock(() => new Date(t));
});
afterEach(() => restore());

/** A pending match's first call, answered by John. */
async function answeredFirstCall() {
  const { sarah, john, match } = await createPair();
  const id: string = (await api.startCall(sarah, match.id)).json.session_id;
  advance(2);
  expect((await api.join(john, id)).json.session.status).toBe("active");
  return { sarah, john, match, id };
}

const matchStatus = async (id: number) => (await prisma.match.findUniqueOrThrow({ where: { id } })).status;

describe("whether a first call connected is decided from evidence", () => {
  it("a member's media report makes the call count, whatever the other's client says at the end", async () => {
    const { sarah, john, match, id } = await answeredFirstCall();
    advance(3);
    expect((await api.session(sarah, id, "?media=connected")).status).toBe(200);
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id } })).callerMediaAt).toEqual(new Date(t));
    advance(3);

    const ended = await api.end(john, id, { reason: "media_failed" });
    expect(ended.status).toBe(200);
    expect(ended.json.session.status).toBe("completed");
    expect(await matchStatus(match.id)).toBe("awaiting_decision");
    const again = await api.startCall(john, match.id);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("decide_first");
  });

  it("a call both members checked in on for 20 s counts, with or without reports", async () => {
    const { sarah, john, match, id } = await answeredFirstCall();
    for (let i = 0; i < 4; i++) {
      advance(5);
      for (const who of [sarah, john]) expect((await api.session(who, id)).status).toBe(200);
    }
    expect((await api.end(sarah, id, { reason: "media_failed" })).json.session.status).toBe("completed");
    expect(await matchStatus(match.id)).toBe("awaiting_decision");
  });

  it("without any evidence a short call may end failed, and the first call is still there", async () => {
    const { sarah, john, match, id } = await answeredFirstCall();
    for (let i = 0; i < 3; i++) {
      advance(5);
      for (const who of [sarah, john]) expect((await api.session(who, id)).status).toBe(200);
    }
    expect((await api.end(john, id, { reason: "media_failed" })).json.session.status).toBe("failed");
    expect(await matchStatus(match.id)).toBe("pending");
    expect((await api.startCall(sarah, match.id)).status).toBe(200);
  });

  it("a connection lost after the media played, both pages still checking in: the call counts, stored as the page said", async () => {
    const { sarah, john, match, id } = await answeredFirstCall();
    for (let i = 0; i < 8; i++) {
      advance(1.5);
      for (const who of [sarah, john]) expect((await api.session(who, id, "?media=connected")).status).toBe(200);
    }
    const ended = await api.end(john, id, { reason: "connection_lost" });
    expect(ended.json.session).toMatchObject({ status: "completed", end_reason: "connection_lost", ended_by: "you" });
    expect((await api.session(sarah, id)).json.session).toMatchObject({ end_reason: "connection_lost", ended_by: "them" });
    expect(await matchStatus(match.id)).toBe("awaiting_decision");
  });

  // Connection lost (the direct path gave up) or a hang-up (LiveKit: John left the room): his.
  it.each(["connection_lost", "hangup"] as const)("%s while the other's page has gone quiet (10 s, released) is theirs: stored as the vanish rule would", async (reason) => {
    const { sarah, john, id } = await answeredFirstCall();
    for (let i = 0; i < 4; i++) {
      advance(1.5);
      for (const who of [sarah, john]) expect((await api.session(who, id, "?media=connected")).status).toBe(200);
    }
    // John's phone loses its network; Sarah's page keeps checking in, then gives up on the media.
    for (let i = 0; i < 8; i++) {
      advance(1.5);
      expect((await api.session(sarah, id, "?media=down")).status).toBe(200);
    }
    const ended = await api.end(sarah, id, { reason });
    expect(ended.json.session).toMatchObject({ status: "completed", end_reason: "left", ended_by: "them" });
    expect((await api.session(john, id)).json.session).toMatchObject({ end_reason: "left", ended_by: "you" });
    // Ended, as the vanish rule ends it, at John's last check-in.
    const johnLast = (await prisma.callSession.findUniqueOrThrow({ where: { id } })).calleeSeenAt;
    expect(await prisma.callSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: "left", endedById: john.id, endedAt: johnLast });
    expect(johnLast!.getTime()).toBe(t - 12_000);
  });

  it("a connection lost before any evidence is the client's word only: failed, and the first call is still there", async () => {
    const { sarah, john, match, id } = await answeredFirstCall();
    advance(5);
    expect((await api.end(sarah, id, { reason: "connection_lost" })).json.session).toMatchObject({ status: "failed", end_reason: "connection_lost" });
    expect(await matchStatus(match.id)).toBe("pending");
    expect((await api.end(john, id, { reason: "vanished" })).status).toBe(400);
  });

  it("a report while the call only rings is not evidence, and a bad report value is a 400", async () => {
    const { sarah, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.session(sarah, id, "?media=connected")).status).toBe(200);
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id } })).callerMediaAt).toBeNull();
    expect((await api.session(sarah, id, "?media=yes")).status).toBe(400);
  });
});
