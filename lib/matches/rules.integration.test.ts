import { describe, expect, it } from "vitest";
import { MatchStatus } from "@/lib/generated/prisma/enums";
import { callRefusal, canTransitionMatch, MATCH_TRANSITIONS } from "@/lib/matches/rules";

const ALL = Object.values(MatchStatus);

describe("the match state machine (as drawn in docs/architecture.md)", () => {
  it("has an entry for every status and only names real statuses", () => {
    expect(Object.keys(MATCH_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const to of Object.values(MATCH_TRANSITIONS).flat()) expect(ALL).toContain(to);
  });

  it("allows exactly the drawn edges", () => {
    const edges = ALL.flatMap((from) => ALL.filter((to) => canTransitionMatch(from, to)).map((to) => `${from}→${to}`));
    expect(edges.sort()).toEqual(
      [
        "pending→awaiting_decision",
        "pending→unmatched",
        "pending→blocked",
        "awaiting_decision→matched",
        "awaiting_decision→passed",
        "awaiting_decision→unmatched",
        "awaiting_decision→blocked",
        "matched→unmatched",
        "matched→blocked",
        "passed→unmatched",
        "passed→blocked",
        "unmatched→blocked",
      ].sort(),
    );
  });

  it("blocked is final, and nothing ever goes back to pending", () => {
    expect(MATCH_TRANSITIONS.blocked).toEqual([]);
    for (const from of ALL) expect(canTransitionMatch(from, "pending")).toBe(false);
  });
});

describe("callRefusal — the match-level rule start-call and can_call share", () => {
  it.each([
    ["matched", 0, null],
    ["matched", 7, null],
    ["pending", 0, null],
    ["pending", 1, "decide_first"],
    ["awaiting_decision", 1, "decide_first"],
    ["passed", 1, "passed"],
    ["unmatched", 0, "match_ended"],
    ["blocked", 0, "blocked"],
  ] as const)("%s with %i connected calls → %s", (status, completed, expected) => {
    expect(callRefusal(status, completed)).toBe(expected);
  });
});
