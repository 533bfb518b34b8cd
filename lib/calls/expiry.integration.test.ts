import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";
import { fakeClock, talk } from "@/test/call-clock";

describe("time rules, on an injected clock", () => {
  it("a ringing call nobody answers becomes missed after 45 s, whether read or swept", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      const s = await api.startCall(sarah, match.id);
      clock.advance(44);
      expect((await api.incomingCalls(john)).json.pending_calls).toHaveLength(1);
      clock.advance(1);
      expect((await api.incomingCalls(john)).json.pending_calls).toEqual([]);
      const row = await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } });
      expect(row.status).toBe("missed");
      expect(row.endedAt!.getTime() - row.createdAt.getTime()).toBe(45_000);
      const join = await api.join(john, s.json.session_id);
      expect(join.status).toBe(409);
      expect(join.json.error).toMatch(/no longer ringing/);

      // Nobody reads this one: the periodic sweep resolves it.
      const other = await createPair();
      const t = await api.startCall(other.sarah, other.match.id);
      clock.advance(60);
      await sweepExpiredSessions();
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: t.json.session_id } })).status).toBe("missed");
    } finally {
      clock.restore();
    }
  });

  it("a page hanging up as its countdown reaches zero, a moment before the server's cap, ends it as the cap: nobody is told the other ended it", async () => {
    const clock = fakeClock();
    try {
      for (const [secondsBefore, reason, by] of [
        [1.5, "cap", null],
        [5, "hangup", "them"],
      ] as const) {
        const { sarah, john, match } = await createPair();
        const s = await api.startCall(sarah, match.id);
        clock.advance(2);
        await api.join(john, s.json.session_id);
        await talk(sarah, john, s.json.session_id, 60 - secondsBefore, clock);
        expect((await api.end(sarah, s.json.session_id)).json.session).toMatchObject({ status: "completed", end_reason: reason });
        expect((await api.session(john, s.json.session_id)).json.session).toMatchObject({ end_reason: reason, ended_by: by });
      }
    } finally {
      clock.restore();
    }
  });

  it("a first call is completed at 60 s after it became active even if nobody ends it", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      const s = await api.startCall(sarah, match.id);
      clock.advance(5);
      await api.join(john, s.json.session_id);
      await talk(sarah, john, s.json.session_id, 59, clock);
      expect((await api.activeSessions(sarah)).json.active_sessions[0].status).toBe("active");
      clock.advance(1);
      expect((await api.activeSessions(sarah)).json.active_sessions).toEqual([]);
      const row = await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } });
      expect(row).toMatchObject({ status: "completed", endReason: "cap" });
      expect(row.endedAt!.getTime() - row.answeredAt!.getTime()).toBe(60_000);
      expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
      // A client hanging up late cannot stretch it.
      expect((await api.end(sarah, s.json.session_id)).status).toBe(409);

      // The sweep caps calls nobody is looking at, too.
      const other = await createPair();
      const t = await api.startCall(other.john, other.match.id);
      await api.join(other.sarah, t.json.session_id);
      clock.advance(300);
      expect(await sweepExpiredSessions()).toContain(t.json.session_id);
      const capped = await prisma.callSession.findUniqueOrThrow({ where: { id: t.json.session_id } });
      expect(capped.endedAt!.getTime() - capped.answeredAt!.getTime()).toBe(60_000);
    } finally {
      clock.restore();
    }
  });

  it("repeat calls of a mutual match have no cap", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john } = await createPair();
      const mutual = await prisma.match.findFirstOrThrow({ where: { OR: [{ userAId: sarah.id }, { userBId: sarah.id }] } });
      await prisma.match.update({ where: { id: mutual.id }, data: { status: "matched" } });
      const s = await api.startCall(john, mutual.id);
      await api.join(sarah, s.json.session_id);
      await talk(sarah, john, s.json.session_id, 600, clock);
      expect((await api.activeSessions(sarah)).json.active_sessions[0].status).toBe("active");
    } finally {
      clock.restore();
    }
  });
});

describe("a client that vanishes mid-call", () => {
  it("ends the call when one member's page stops checking in for 30 s, at the moment they were last seen", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair("matched");
      const s = await api.startCall(sarah, match.id);
      await api.join(john, s.json.session_id);
      await talk(sarah, john, s.json.session_id, 60, clock);
      const johnLastSeen = (await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } })).calleeSeenAt!;
      // John's laptop dies; Sarah's page keeps polling.
      for (let i = 0; i < 2; i++) {
        clock.advance(10);
        expect((await api.session(sarah, s.json.session_id)).json.session.status).toBe("active");
      }
      clock.advance(10);
      const seen = await api.session(sarah, s.json.session_id);
      // Each page can say whose connection was lost.
      expect(seen.json.session).toMatchObject({ status: "completed", end_reason: "left", ended_by: "them" });
      expect((await api.session(john, s.json.session_id)).json.session).toMatchObject({ end_reason: "left", ended_by: "you" });
      const row = await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } });
      expect(row).toMatchObject({ status: "completed", endReason: "left", endedById: john.id });
      expect(row.endedAt).toEqual(johnLastSeen);
      // Nobody is left "busy": John can take a new call.
      expect((await api.startCall(sarah, match.id)).json.status).toBe("ringing");
    } finally {
      clock.restore();
    }
  });

  it("names the member who vanished, caller or callee: the one last seen earlier", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair("matched");
      const s = await api.startCall(sarah, match.id);
      await api.join(john, s.json.session_id);
      await talk(sarah, john, s.json.session_id, 30, clock);
      // This time the caller's page dies; John's keeps checking in.
      for (let i = 0; i < 4; i++) {
        clock.advance(10);
        await api.session(john, s.json.session_id);
      }
      expect((await api.session(john, s.json.session_id)).json.session).toMatchObject({ status: "completed", end_reason: "left", ended_by: "them" });
      expect(await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } })).toMatchObject({ endReason: "left", endedById: sarah.id });
    } finally {
      clock.restore();
    }
  });

  it("a vanished first call still counts as the first call (the match moves on to deciding)", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      const s = await api.startCall(sarah, match.id);
      await api.join(john, s.json.session_id);
      await talk(sarah, john, s.json.session_id, 20, clock);
      clock.advance(31);
      expect(await sweepExpiredSessions()).toContain(s.json.session_id);
      expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
    } finally {
      clock.restore();
    }
  });
});
