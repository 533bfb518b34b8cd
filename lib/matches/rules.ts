// The match state machine, as data (pure; shared by the server and the match view).
// Every change of a match's status goes through transitionMatch() in lib/matches/state.ts,
// which refuses anything not drawn here.
//
//   pending ──first call connected & ended──▶ awaiting_decision ──both like──▶ matched
//                                                     └──a pass (once both decided)──▶ passed
//   pending / awaiting_decision / matched / passed ──unmatch (or a ban)──▶ unmatched
//   any state but blocked ──block──▶ blocked
import type { MatchStatus } from "@/lib/generated/prisma/enums";

export const MATCH_TRANSITIONS: Record<MatchStatus, MatchStatus[]> = {
  pending: ["awaiting_decision", "unmatched", "blocked"],
  awaiting_decision: ["matched", "passed", "unmatched", "blocked"],
  matched: ["unmatched", "blocked"],
  passed: ["unmatched", "blocked"],
  unmatched: ["blocked"],
  blocked: [],
};

export function canTransitionMatch(from: MatchStatus, to: MatchStatus): boolean {
  return MATCH_TRANSITIONS[from].includes(to);
}

/** Matches a member still sees in their lists. */
export const OPEN_MATCH_STATUSES: MatchStatus[] = ["pending", "awaiting_decision", "matched", "passed"];

/**
 * Matches whose calls may ring: a call rings only on a pending match (its first call) or a mutual
 * one. The pending-calls list and the ring push both hold a ringing call to this.
 */
export const RINGABLE_MATCH_STATUSES: MatchStatus[] = ["pending", "matched"];

/** Why a call on a match in this state is refused, or null when one may be started. */
export type CallRefusal = "blocked" | "match_ended" | "passed" | "decide_first";

/**
 * The match-level rule for starting a call: a mutual match may call any time; a pending match
 * gets one first call that connects (`completedCalls` counts those). Start-call and the match
 * view's `can_call` both ask this; the per-call checks (busy, do-not-disturb, banned) come after.
 */
export function callRefusal(status: MatchStatus, completedCalls: number): CallRefusal | null {
  switch (status) {
    case "matched":
      return null;
    case "pending":
      return completedCalls === 0 ? null : "decide_first";
    case "awaiting_decision":
      return "decide_first";
    case "passed":
      return "passed";
    case "unmatched":
      return "match_ended";
    case "blocked":
      return "blocked";
  }
}
