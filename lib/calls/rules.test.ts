import { describe, expect, it } from "vitest";
import { canTransition, isLive, otherWentQuiet, TRANSITIONS } from "./rules";

describe("the call-session state machine", () => {
  it("allows exactly the drawn edges", () => {
    expect(canTransition("ringing", "active")).toBe(true);
    for (const to of ["declined", "cancelled", "missed"] as const) expect(canTransition("ringing", to)).toBe(true);
    expect(canTransition("active", "completed")).toBe(true);
    expect(canTransition("active", "failed")).toBe(true);
    // A ringing call never completes without being answered; an answered one can't be declined.
    expect(canTransition("ringing", "completed")).toBe(false);
    expect(canTransition("active", "declined")).toBe(false);
    expect(canTransition("active", "cancelled")).toBe(false);
  });

  it("has no way out of an ended session, and only ringing/active are live", () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      expect(isLive(from as keyof typeof TRANSITIONS)).toBe(tos.length > 0);
    }
  });
});

describe("otherWentQuiet: whose connection a page's 'connection lost' was", () => {
  const answeredAt = new Date("2026-12-07T12:00:00Z");
  const at = (s: number) => new Date(answeredAt.getTime() + s * 1000);
  const call = { callerId: 1, answeredAt, callerSeenAt: at(40), calleeSeenAt: at(28), callerSeenBy: "instance-a", calleeSeenBy: null };

  it("the callee released and silent 10 s or more: quiet, as the caller (1) sees it; not yet at 9.9 s", () => {
    expect(otherWentQuiet(call, 1, at(38), 10)).toBe(true);
    expect(otherWentQuiet(call, 1, at(37.9), 10)).toBe(false);
  });

  it("a member some instance vouches for is never quiet, however old the stored check-in", () => {
    expect(otherWentQuiet(call, 2, at(100), 10)).toBe(false);
  });

  it("a member who never checked in counts from the answer", () => {
    expect(otherWentQuiet({ ...call, calleeSeenAt: null }, 1, at(10), 10)).toBe(true);
    expect(otherWentQuiet({ ...call, calleeSeenAt: null }, 1, at(9), 10)).toBe(false);
  });
});
