import type { SessionView } from "@/lib/calls/types";
import { isUnansweredOutcome, pathAfterCall } from "@/lib/calls/outcome";
import { isLive } from "@/lib/calls/rules";

// The call page's state machine, as data, like the session's own in lib/calls/rules.ts: the
// phases and their edges in one table, and one reducer that refuses any edge not drawn here.
// Effects in use-call-session.ts are keyed on the phase; nothing else sets it.
//
//   joining ──active──▶ in-call ──hang up / cap / other side left──▶ ending ──ended──▶ leaving
//      │                   └──────────────ended by the server──────────────────────▶ leaving
//      └──ringing (caller)──▶ ringing ──cancel──▶ cancelling ──cancelled──▶ outcome
//                                │  ◀──refused──────┘   └──answered meanwhile──▶ in-call
//                                └──declined / missed──▶ outcome
//   joining, ringing ──join refused──▶ error          any live phase ──gone (404)──▶ leaving

export type CallPhase =
  /** Asking the server to join (and for the media connection); the callee until the answer lands. */
  | "joining"
  /** The caller waits for an answer. */
  | "ringing"
  /** The caller pressed Cancel; the server has not answered yet. */
  | "cancelling"
  | "in-call"
  /** Hanging up: asking the server to end the call (the member, the cap, or the other side left). */
  | "ending"
  /** Ended: navigating to the decision or the match. */
  | "leaving"
  /** Declined, missed or cancelled: said on the page. */
  | "outcome"
  | "error";

export const PHASES: CallPhase[] = ["joining", "ringing", "cancelling", "in-call", "ending", "leaving", "outcome", "error"];

/** The drawn edges. A self-edge means "the session changed, the phase stays". */
export const PHASE_TRANSITIONS: Record<CallPhase, CallPhase[]> = {
  joining: ["joining", "ringing", "in-call", "ending", "leaving", "outcome", "error"],
  ringing: ["ringing", "cancelling", "in-call", "leaving", "outcome", "error"],
  cancelling: ["cancelling", "ringing", "in-call", "leaving", "outcome"],
  "in-call": ["in-call", "ending", "leaving"],
  ending: ["leaving", "outcome"],
  leaving: [],
  outcome: [],
  error: [],
};

export function canMove(from: CallPhase, to: CallPhase): boolean {
  return PHASE_TRANSITIONS[from].includes(to);
}

export type CallPageState = {
  phase: CallPhase;
  /** The session as the server last told it. */
  session: SessionView;
  /** Why joining failed (phase "error"). */
  error: string;
  /** The session is gone for this member (the match was blocked): leave to the matches. */
  gone: boolean;
};

export type CallAction =
  /** An answer from the server: the join, a check-in, a re-read after an event or a 409. */
  | { type: "session"; view: SessionView }
  /** The member hung up, the countdown reached zero, or the other side left. */
  | { type: "hang-up" }
  | { type: "cancel" }
  /** The cancel request failed for a reason other than the call having moved on. */
  | { type: "cancel-failed" }
  | { type: "join-failed"; error: string }
  /** 404 on a check-in, or hanging up reached no answer at all. */
  | { type: "gone" };

export function initialCallPageState(session: SessionView): CallPageState {
  const phase: CallPhase = !isLive(session.status)
    ? "outcome"
    : session.status === "ringing" && session.role === "caller"
      ? "ringing"
      : "joining";
  return { phase, session, error: "", gone: false };
}

/** Where an action would take the page from `state`, before the table is asked. */
export function targetPhase(state: CallPageState, action: CallAction): CallPhase {
  switch (action.type) {
    case "session": {
      const { status, role } = action.view;
      if (status === "active") return "in-call";
      if (status === "ringing") {
        if (role === "callee") return "joining";
        // A check-in that was under way when Cancel was pressed does not undo the press.
        return state.phase === "cancelling" ? "cancelling" : "ringing";
      }
      return isUnansweredOutcome(status) ? "outcome" : "leaving";
    }
    case "hang-up":
      return "ending";
    case "cancel":
      return "cancelling";
    case "cancel-failed":
      return "ringing";
    case "join-failed":
      return "error";
    case "gone":
      return "leaving";
  }
}

/** The one way the call page changes phase: an edge not in PHASE_TRANSITIONS leaves the state as it is. */
export function callPageReducer(state: CallPageState, action: CallAction): CallPageState {
  const to = targetPhase(state, action);
  if (!canMove(state.phase, to)) return state;
  switch (action.type) {
    case "session":
      return { ...state, phase: to, session: action.view };
    case "join-failed":
      return { ...state, phase: to, error: action.error };
    case "gone":
      return { ...state, phase: to, gone: true };
    default:
      return { ...state, phase: to };
  }
}

/** The phases in which the page checks in and follows the session (the poll and member events). */
export function isFollowing(phase: CallPhase): boolean {
  return phase === "ringing" || phase === "cancelling" || phase === "in-call";
}

/** Where the page goes once leaving: the decision or the match, or the matches when gone. */
export function exitPath(state: CallPageState): string {
  return state.gone ? "/matches" : pathAfterCall(state.session);
}
