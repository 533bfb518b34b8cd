import { describe, expect, it } from "vitest";
import { decideOnMatch } from "./actions";

// The action's own edge: input is checked before the session is even looked at.
describe("decideOnMatch", () => {
  it.each([
    [0, "like"],
    [-3, "like"],
    [1.5, "like"],
    [Number.NaN, "like"],
    [7, "maybe"],
  ])("refuses match %s with decision %s", async (matchId, decision) => {
    expect(await decideOnMatch(matchId, decision as "like")).toEqual({ ok: false, status: 400, error: "That decision wasn't understood." });
  });
});
