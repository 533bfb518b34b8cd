// The call page's phase table, tested like lib/calls/rules.test.ts: every drawn edge is taken,
// every other one is refused (the state comes back unchanged).
import { describe, expect, it } from "vitest";
import type { SessionView } from "@/lib/calls/types";
import {
  callPageReducer,
  canMove,
  exitPath,
  initialCallPageState,
  PHASE_TRANSITIONS,
  PHASES,
  type CallAction,
  type CallPageState,
  type CallPhase,
} from "./call-phase";

function view(status: SessionView["status"], role: SessionView["role"] = "caller", cap: number | null = 60): SessionView {
  return {
    session_id: "00000000-0000-4000-8000-000000000001",
    room_name: "00000000-0000-4000-8000-000000000001",
    match_id: 7,
    status,
    call_type: "First Call",
    is_mutual_match: false,
    role,
    other_user_id: 2,
    other_user_name: "Sarah",
    created_at: "2026-01-01T10:00:00.000Z",
    answered_at: status === "ringing" ? null : "2026-01-01T10:00:05.000Z",
    ended_at: null,
    cap_seconds: cap,
    rings_until: null,
    ends_at: null,
    self_blurred: false,
    other_blurred: false,
    icebreaker: null,
    end_reason: null,
    ended_by: null,
  };
}

const at = (phase: CallPhase): CallPageState => ({ phase, session: view("active"), error: "", gone: false });

/** One action that aims at each phase (from a state that is not itself "cancelling"). */
const AIMING_AT: Record<CallPhase, CallAction[]> = {
  joining: [{ type: "session", view: view("ringing", "callee") }],
  ringing: [{ type: "session", view: view("ringing", "caller") }, { type: "cancel-failed" }],
  cancelling: [{ type: "cancel" }],
  "in-call": [{ type: "session", view: view("active") }],
  ending: [{ type: "hang-up" }],
  leaving: [{ type: "session", view: view("completed") }, { type: "session", view: view("failed") }, { type: "gone" }],
  outcome: [{ type: "session", view: view("declined") }, { type: "session", view: view("missed") }, { type: "session", view: view("cancelled") }],
  error: [{ type: "join-failed", error: "Nope" }],
};

describe("the call page's phase table", () => {
  it("takes every drawn edge and refuses every other one", () => {
    let taken = 0;
    let refused = 0;
    for (const from of PHASES) {
      for (const to of PHASES) {
        for (const action of AIMING_AT[to]) {
          // From "cancelling" a ringing answer keeps it cancelling (below), so aim at ringing with cancel-failed only.
          if (from === "cancelling" && to === "ringing" && action.type === "session") continue;
          const before = at(from);
          const after = callPageReducer(before, action);
          if (canMove(from, to)) {
            expect(after.phase, `${from} → ${to} by ${action.type}`).toBe(to);
            taken++;
          } else {
            expect(after, `${from} → ${to} by ${action.type} must be refused`).toBe(before);
            refused++;
          }
        }
      }
    }
    const edges = Object.values(PHASE_TRANSITIONS).flat().length;
    expect(edges).toBe(23);
    expect(taken).toBeGreaterThanOrEqual(edges);
    expect(refused).toBeGreaterThan(0);
  });

  it("has no way out of leaving, outcome or error, and a way into each of them", () => {
    for (const end of ["leaving", "outcome", "error"] as const) {
      expect(PHASE_TRANSITIONS[end]).toEqual([]);
      expect(PHASES.some((from) => canMove(from, end))).toBe(true);
    }
  });

  it("never returns to a live phase once ending: a late check-in answer changes nothing", () => {
    const ending = at("ending");
    expect(callPageReducer(ending, { type: "session", view: view("active") })).toBe(ending);
    const leaving = callPageReducer(ending, { type: "session", view: view("completed") });
    expect(leaving.phase).toBe("leaving");
    expect(callPageReducer(leaving, { type: "session", view: view("active") })).toBe(leaving);
  });

  it("keeps cancelling while a check-in that was under way says it still rings", () => {
    const cancelling = { ...at("cancelling"), session: view("ringing") };
    const next = callPageReducer(cancelling, { type: "session", view: view("ringing") });
    expect(next.phase).toBe("cancelling");
    // Answered meanwhile (the cancel got a 409): the call goes on.
    expect(callPageReducer(next, { type: "session", view: view("active") }).phase).toBe("in-call");
  });

  it("keeps the session of every accepted answer, and the reason of a failed join", () => {
    const s = callPageReducer(at("in-call"), { type: "session", view: { ...view("active"), ends_at: "2026-01-01T10:01:15.000Z" } });
    expect(s.session.ends_at).toBe("2026-01-01T10:01:15.000Z");
    expect(callPageReducer(at("joining"), { type: "join-failed", error: "Blocked" })).toMatchObject({ phase: "error", error: "Blocked" });
  });

  it("starts where the session stands", () => {
    expect(initialCallPageState(view("ringing", "caller")).phase).toBe("ringing");
    expect(initialCallPageState(view("ringing", "callee")).phase).toBe("joining");
    expect(initialCallPageState(view("active", "caller")).phase).toBe("joining");
    expect(initialCallPageState(view("declined")).phase).toBe("outcome");
  });

  it("leaves to the decision after a completed first call, to the match otherwise, to the matches when gone", () => {
    const done = callPageReducer(at("in-call"), { type: "session", view: view("completed") });
    expect(exitPath(done)).toBe("/matches/7/decide");
    expect(exitPath(callPageReducer(at("in-call"), { type: "session", view: view("completed", "caller", null) }))).toBe("/matches/7");
    expect(exitPath(callPageReducer(at("in-call"), { type: "gone" }))).toBe("/matches");
  });
});
