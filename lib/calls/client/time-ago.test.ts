import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

describe("timeAgo", () => {
  it.each([
    [0, "0s ago"],
    [5, "5s ago"],
    [15, "15s ago"],
    [59, "59s ago"],
    [60, "1m ago"],
    [119, "1m ago"],
    [120, "2m ago"],
    [3599, "59m ago"],
    [3600, "1h ago"],
    [7300, "2h ago"],
  ])("%ss → %s", (seconds, text) => {
    expect(timeAgo(seconds)).toBe(text);
  });

  it("rounds fractions down", () => {
    expect(timeAgo(14.9)).toBe("14s ago");
  });

  it("treats clock skew and garbage as just started", () => {
    expect(timeAgo(-3)).toBe("0s ago");
    expect(timeAgo(Number.NaN)).toBe("0s ago");
  });
});
