import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { api } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { connectedCall, fakeClock, talk } from "@/test/call-clock";

describe("the whole lifecycle through the HTTP handlers", () => {
  it("first call → like/like → mutual → three more calls, each a new UUID, history in order", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      const info = vi.spyOn(log, "info");

      const first = await api.startCall(sarah, match.id);
      expect(first.json).toMatchObject({ status: "ringing", call_type: "First Call", is_mutual_match: false, role: "caller", room_name: first.json.session_id, cap_seconds: 60 });
      expect((await api.incomingCalls(john)).json.pending_calls).toEqual([
        expect.objectContaining({ session_id: first.json.session_id, match_id: match.id, other_user_name: "Sarah", is_mutual_match: false, call_type: "First Call", seconds_ago: 0 }),
      ]);
      clock.advance(3);
      await api.join(john, first.json.session_id);
      // Nobody may decide before the call ends.
      expect((await api.decide(john, match.id, "like")).status).toBe(409);
      await talk(sarah, john, first.json.session_id, 40, clock);
      const ended = await api.end(john, first.json.session_id);
      expect(ended.json.session.status).toBe("completed");

      // A pending match gets exactly one first call that connected.
      const again = await api.startCall(sarah, match.id);
      expect(again.status).toBe(409);
      expect(again.json.error).toMatch(/both like each other/);

      const sarahLikes = await api.decide(sarah, match.id, "like");
      expect(sarahLikes.json).toEqual({ match_id: match.id, status: "awaiting_decision", my_decision: "like", outcome: null });
      expect((await api.startCall(john, match.id)).status).toBe(409);
      const johnLikes = await api.decide(john, match.id, "like");
      expect(johnLikes.json).toMatchObject({ status: "matched", outcome: "mutual" });
      expect(info).toHaveBeenCalledWith(expect.anything(), `💕 Mutual match detected! Match ${match.id} is now mutual`);

      const ids = [first.json.session_id];
      const durations = [40];
      for (const [i, caller] of [john, sarah, john].entries()) {
        const callee = caller === john ? sarah : john;
        const start = await api.startCall(caller, match.id);
        expect(start.json).toMatchObject({ status: "ringing", call_type: "Repeat Call 💕", is_mutual_match: true, cap_seconds: null });
        expect(info).toHaveBeenCalledWith(expect.anything(), `💕 Mutual match detected! Allowing new call for match ${match.id}`);
        clock.advance(1);
        await api.join(callee, start.json.session_id);
        const secs = 90 + i * 60; // repeat calls are not capped
        await talk(caller, callee, start.json.session_id, secs, clock);
        await api.end(callee, start.json.session_id);
        ids.push(start.json.session_id);
        durations.push(secs);
      }
      expect(new Set(ids).size).toBe(4);

      const history = await api.history(sarah, match.id);
      expect(history.status).toBe(200);
      expect(history.json).toMatchObject({ match_id: match.id, is_mutual_match: true, total_calls: 4, total_attempts: 4 });
      expect(history.json.calls.map((c: { session_id: string }) => c.session_id)).toEqual(ids);
      expect(history.json.calls.map((c: { duration_seconds: number }) => c.duration_seconds)).toEqual(durations);
      expect(history.json.calls.map((c: { duration_minutes: number }) => c.duration_minutes)).toEqual([0.7, 1.5, 2.5, 3.5]);
      for (const c of history.json.calls) {
        expect(c.status).toBe("completed");
        expect(new Date(c.ended_at).getTime()).toBeGreaterThan(new Date(c.started_at).getTime());
        expect(c.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      const card = (await api.matches(john)).json.matches.find((m: { match_id: number }) => m.match_id === match.id);
      expect(card).toMatchObject({ status: "matched", is_mutual_match: true, total_calls: 4, can_call: true });
    } finally {
      clock.restore();
    }
  });

  it("like/pass and pass/pass end in passed, visible only once both decided; no more calls", async () => {
    const clock = fakeClock();
    try {
      for (const [a, b] of [["like", "pass"], ["pass", "pass"], ["pass", "like"]] as const) {
        const { sarah, john, match } = await createPair();
        await connectedCall(sarah, john, match.id, 30, clock);
        const first = await api.decide(sarah, match.id, a);
        expect(first.json).toMatchObject({ status: "awaiting_decision", outcome: null });
        // John's view does not reveal Sarah's choice.
        const johnsCard = (await api.matches(john)).json.matches.find((m: { match_id: number }) => m.match_id === match.id);
        expect(johnsCard).toMatchObject({ status: "awaiting_decision", my_decision: null });
        expect(JSON.stringify(johnsCard)).not.toMatch(/"(like|pass)"/);
        const second = await api.decide(john, match.id, b);
        expect(second.json).toMatchObject({ status: "passed", outcome: "passed" });
        expect((await api.startCall(sarah, match.id)).status).toBe(409);
        expect((await api.startCall(john, match.id)).json.error).toMatch(/ended/);
      }
    } finally {
      clock.restore();
    }
  });

  it("a decision is final: the same one again is harmless, a different one is 409", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      await connectedCall(sarah, john, match.id, 20, clock);
      expect((await api.decide(sarah, match.id, "like")).status).toBe(200);
      expect((await api.decide(sarah, match.id, "like")).status).toBe(200);
      const change = await api.decide(sarah, match.id, "pass");
      expect(change.status).toBe(409);
      expect(change.json.error).toMatch(/final/);
      expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).decisionA ?? (await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).decisionB).toBe("like");
    } finally {
      clock.restore();
    }
  });

  it("missed, declined and cancelled calls do not use up the first call", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      const a = await api.startCall(sarah, match.id);
      expect((await api.decline(john, a.json.session_id)).json.session.status).toBe("declined");
      clock.advance(1);
      const b = await api.startCall(john, match.id);
      expect((await api.cancel(john, b.json.session_id)).json.session.status).toBe("cancelled");
      clock.advance(1);
      const c = await api.startCall(sarah, match.id);
      clock.advance(46);
      expect((await api.incomingCalls(john)).json.pending_calls).toEqual([]);
      expect((await api.history(sarah, match.id)).json.calls[2].status).toBe("missed");
      const d = await api.startCall(sarah, match.id);
      expect(d.status).toBe(200);
      expect(d.json.call_type).toBe("First Call");
      expect(new Set([a, b, c, d].map((r) => r.json.session_id)).size).toBe(4);
      const m = await prisma.match.findUniqueOrThrow({ where: { id: match.id } });
      expect(m.status).toBe("pending");
    } finally {
      clock.restore();
    }
  });

  it("a call whose media never connected ends as failed and does not use up the first call", async () => {
    const { sarah, john, match } = await createPair();
    const s = await api.startCall(sarah, match.id);
    await api.join(john, s.json.session_id);
    expect((await api.end(john, s.json.session_id, { reason: "media_failed" })).json.session.status).toBe("failed");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
    expect((await api.startCall(john, match.id)).status).toBe(200);
  });
});

describe("the prototype's bug, as a regression test", () => {
  it("after a mutual match's first call completed, a new call from either side reaches the other", async () => {
    const clock = fakeClock();
    try {
      const { sarah, john, match } = await createPair();
      await connectedCall(sarah, john, match.id, 30, clock);
      await api.decide(sarah, match.id, "like");
      await api.decide(john, match.id, "like");
      for (const [caller, callee, name] of [[sarah, john, "Sarah"], [john, sarah, "John"]] as const) {
        const s = await api.startCall(caller, match.id);
        const pending = (await api.incomingCalls(callee)).json.pending_calls;
        expect(pending).toEqual([
          expect.objectContaining({ session_id: s.json.session_id, other_user_name: name, is_mutual_match: true, call_type: "Repeat Call 💕" }),
        ]);
        const active = (await api.activeSessions(callee)).json.active_sessions;
        expect(active).toEqual([
          expect.objectContaining({ session_id: s.json.session_id, status: "ringing", is_mutual_match: true, role: "callee", other_user_name: name }),
        ]);
        expect((await api.activeSessions(caller)).json.active_sessions[0]).toMatchObject({ session_id: s.json.session_id, role: "caller" });
        await api.join(callee, s.json.session_id);
        await talk(caller, callee, s.json.session_id, 10, clock);
        await api.end(callee, s.json.session_id);
        expect((await api.activeSessions(callee)).json.active_sessions).toEqual([]);
      }
    } finally {
      clock.restore();
    }
  });
});

describe("who may do what, when", () => {
  it("join is for members of the session; decline for the callee; cancel for the caller", async () => {
    const { sarah, john, match } = await createPair();
    const s = await api.startCall(sarah, match.id);
    const id = s.json.session_id;
    expect((await api.decline(sarah, id)).status).toBe(409);
    expect((await api.cancel(john, id)).status).toBe(409);
    // The caller "joins" the session they are in already; it keeps ringing.
    expect((await api.join(sarah, id)).json.session.status).toBe("ringing");
    expect((await api.join(john, id)).json.session.status).toBe("active");
    // A decline arriving after the join is refused and changes nothing.
    const late = await api.decline(john, id);
    expect(late.status).toBe(409);
    expect(late.json.error).toMatch(/already joined/);
    expect((await api.cancel(sarah, id)).status).toBe(409);
    expect((await api.join(john, id)).json.session.status).toBe("active");
    expect((await api.end(sarah, id)).json.session.status).toBe("completed");
    for (const action of [api.join, api.decline, api.cancel, api.end]) {
      const r = await action(john, id);
      expect(r.status).toBe(409);
      expect(r.json.error).toBeTruthy();
    }
    expect((await prisma.callSession.findUniqueOrThrow({ where: { id } })).status).toBe("completed");
  });

  it("a cancelled call tells the callee who cancelled", async () => {
    const { sarah, john, match } = await createPair();
    const s = await api.startCall(sarah, match.id);
    await api.cancel(sarah, s.json.session_id);
    const r = await api.join(john, s.json.session_id);
    expect(r.status).toBe(409);
    expect(r.json.error).toBe("Sarah cancelled the call.");
  });

  it("a callee already in another active call is reported busy to a mutual match, and no session is created", async () => {
    const { sarah, john, match } = await createPair("matched");
    const maya = await createMember({ name: "Maya", gender: "woman", interestedIn: ["man"] });
    const [a, b] = [maya.id, john.id].sort((x, y) => x - y);
    const other = await prisma.match.create({ data: { userAId: a, userBId: b, status: "matched" } });
    const s = await api.startCall(maya, other.id);
    await api.join(john, s.json.session_id);
    const before = await prisma.callSession.count({ where: { matchId: match.id } });
    const busy = await api.startCall(sarah, match.id);
    expect(busy.status).toBe(409);
    expect(busy.json).toEqual({ error: "John is in another call.", code: "busy" });
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(before);
  });

  it("do-not-disturb refuses a mutual match's call with a clear message and creates nothing", async () => {
    const { sarah, john, match } = await createPair("matched");
    await prisma.user.update({ where: { id: john.id }, data: { dndUntil: new Date(Date.now() + 3600_000) } });
    const r = await api.startCall(sarah, match.id);
    expect(r.status).toBe(409);
    expect(r.json).toEqual({ error: "John isn't taking calls right now.", code: "do_not_disturb" });
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(0);
  });

  it("unmatch and block end the ringing or active session of that match", async () => {
    // Unmatched is an ended match (409); blocked is not revealed at all (404).
    for (const [action, after] of [[api.unmatch, 409], [api.block, 404]] as const) {
      const { sarah, john, match } = await createPair();
      const s = await api.startCall(sarah, match.id);
      await api.join(john, s.json.session_id);
      const r = await action(john, match.id);
      expect(r.status).toBe(200);
      expect(r.json.ended_sessions).toEqual([s.json.session_id]);
      expect((await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } })).status).toBe("completed");
      expect((await api.startCall(sarah, match.id)).status).toBe(after);
      expect((await api.activeSessions(sarah)).json.active_sessions).toEqual([]);
    }
  });
});


describe("races", () => {
  it("20 concurrent start-call requests from both members create exactly one session", async () => {
    const { sarah, john, match } = await createPair("matched");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api.startCall(i % 2 ? john : sarah, match.id)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.json.session_id)).size).toBe(1);
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(1);
    // Both pressed Call: whoever was rung joined the other's call, so they meet in one session.
    const s = await prisma.callSession.findFirstOrThrow({ where: { matchId: match.id } });
    expect(s.status).toBe("active");
  });

  it("a decline and a join racing leave one consistent state", async () => {
    for (let i = 0; i < 5; i++) {
      const { sarah, john, match } = await createPair();
      const s = await api.startCall(sarah, match.id);
      const [join, decline] = await Promise.all([api.join(john, s.json.session_id), api.decline(john, s.json.session_id)]);
      const row = await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } });
      expect([join.status, decline.status].sort()).toEqual([200, 409]);
      if (join.status === 200) {
        expect(row.status).toBe("active");
        expect(row.answeredAt).not.toBeNull();
      } else {
        expect(row.status).toBe("declined");
        expect(row.answeredAt).toBeNull();
      }
    }
  });

  it("a cancel and a join racing leave one consistent state", async () => {
    const { sarah, john, match } = await createPair();
    const s = await api.startCall(sarah, match.id);
    const [join, cancel] = await Promise.all([api.join(john, s.json.session_id), api.cancel(sarah, s.json.session_id)]);
    const row = await prisma.callSession.findUniqueOrThrow({ where: { id: s.json.session_id } });
    expect([join.status, cancel.status].sort()).toEqual([200, 409]);
    expect(row.status).toBe(join.status === 200 ? "active" : "cancelled");
  });

  it("two concurrent decisions both count", async () => {
    const clock = fakeClock();
    try {
      for (let i = 0; i < 3; i++) {
        const { sarah, john, match } = await createPair();
        await connectedCall(sarah, john, match.id, 30, clock);
        const [a, b] = await Promise.all([api.decide(sarah, match.id, "like"), api.decide(john, match.id, "like")]);
        expect([a.status, b.status]).toEqual([200, 200]);
        const m = await prisma.match.findUniqueOrThrow({ where: { id: match.id } });
        expect(m).toMatchObject({ status: "matched", decisionA: "like", decisionB: "like" });
        expect([a.json.outcome, b.json.outcome]).toContain("mutual");
      }
    } finally {
      clock.restore();
    }
  });
});
