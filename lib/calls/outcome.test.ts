import { describe, expect, it } from "vitest";
import { isUnansweredOutcome, outcomeText, pathAfterCall, stateText } from "@/lib/calls/outcome";

describe("pathAfterCall", () => {
  it("sends a first call that connected to the decision, everything else back to the match", () => {
    expect(pathAfterCall({ status: "completed", cap_seconds: 60, match_id: 4 })).toBe("/matches/4/decide");
    expect(pathAfterCall({ status: "completed", cap_seconds: null, match_id: 4 })).toBe("/matches/4");
    // A first call whose media never connected does not use up the first call: no decision yet.
    expect(pathAfterCall({ status: "failed", cap_seconds: 60, match_id: 4 })).toBe("/matches/4");
  });
});

describe("outcomeText", () => {
  it("tells the caller what happened to the call", () => {
    const caller = { role: "caller" as const, other_user_name: "Sarah" };
    expect(outcomeText({ ...caller, status: "declined" }).title).toBe("Sarah declined");
    expect(outcomeText({ ...caller, status: "missed" }).title).toBe("No answer");
    expect(outcomeText({ ...caller, status: "cancelled" }).title).toBe("Call cancelled");
  });

  it("tells the callee from their side", () => {
    expect(outcomeText({ role: "callee", other_user_name: "Sarah", status: "cancelled" }).title).toBe("Sarah cancelled the call");
    expect(outcomeText({ role: "callee", other_user_name: "Sarah", status: "missed" }).title).toBe("Missed call");
  });

  it("knows which endings are shown rather than navigated away from", () => {
    expect(["declined", "missed", "cancelled"].every((s) => isUnansweredOutcome(s as "declined"))).toBe(true);
    expect(isUnansweredOutcome("completed")).toBe(false);
    expect(isUnansweredOutcome("active")).toBe(false);
  });
});

describe("stateText", () => {
  it("names each connection state", () => {
    expect(stateText("connecting", "Sarah", false)).toBe("Connecting…");
    expect(stateText("connected", "Sarah", true)).toBe("Connected");
    expect(stateText("reconnecting", "Sarah", true)).toBe("Reconnecting…");
    expect(stateText("peer-left", "Sarah", true)).toBe("Sarah left");
    expect(stateText("failed", "Sarah", false)).toBe("Couldn't connect");
    expect(stateText("failed", "Sarah", true)).toBe("Connection lost");
  });
});
