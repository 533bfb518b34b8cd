import { describe, expect, it } from "vitest";
import { canTransition, isLive, TRANSITIONS } from "./rules";

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
