import { describe, expect, it } from "vitest";
import { countdownDone, countdownUrgent, secondsLeft } from "./countdown";

describe("the first call's countdown", () => {
  const endsAt = "2026-01-01T10:01:00.000Z";
  const end = Date.parse(endsAt);

  it("has no countdown without an end (repeat calls)", () => {
    expect(secondsLeft(null, end, 0)).toBeNull();
    expect(countdownDone(null)).toBe(false);
    expect(countdownUrgent(null)).toBe(false);
  });

  it("counts on the server's clock: a page whose clock is 5 s behind still ends with the server", () => {
    expect(secondsLeft(endsAt, end - 30_000, 0)).toBe(30);
    // Our clock reads 5 s less than the server's (offset +5 s): 25 s are left, not 30.
    expect(secondsLeft(endsAt, end - 30_000, 5_000)).toBe(25);
  });

  it("follows an end the server moved later (media down): the remaining time grows by that much", () => {
    const now = end - 10_000;
    const moved = new Date(end + 8_000).toISOString();
    expect(secondsLeft(moved, now, 0)! - secondsLeft(endsAt, now, 0)!).toBe(8);
  });

  it("turns red at ten seconds and is done at zero", () => {
    expect(countdownUrgent(10.5)).toBe(false);
    expect(countdownUrgent(10)).toBe(true);
    expect(countdownDone(0.01)).toBe(false);
    expect(countdownDone(0)).toBe(true);
    expect(countdownDone(-3)).toBe(true);
  });
});
