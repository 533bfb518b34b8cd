// The call page's estimate of the server's clock, which its countdown to the cap runs on.
import { describe, expect, it } from "vitest";
import { betterClockEstimate, CLOCK_SAMPLE_MAX_RTT_MS, clockSample, nextClockOffset } from "@/lib/calls/browser/clock-estimate";

describe("betterClockEstimate", () => {
  it("takes the first sample, and every fast one after it (the server's clock may be adjusted)", () => {
    const first = betterClockEstimate(null, { offset: 5_000, rtt: 2_500 });
    expect(first).toEqual({ offset: 3_750, rtt: 2_500 });
    expect(betterClockEstimate(first, { offset: 40, rtt: 80 })).toEqual({ offset: 40, rtt: 80 });
    expect(betterClockEstimate({ offset: 40, rtt: 80 }, { offset: 300, rtt: CLOCK_SAMPLE_MAX_RTT_MS })).toEqual({ offset: 300, rtt: CLOCK_SAMPLE_MAX_RTT_MS });
  });

  it("ignores an answer that waited long (a restarting server): it would end the call seconds early", () => {
    // The request sat 22 s before the server stamped its time, so the midpoint is 11 s off.
    const good = { offset: 30, rtt: 60 };
    expect(betterClockEstimate(good, { offset: 11_030, rtt: 22_000 })).toBe(good);
  });

  it("keeps the fastest of slow samples while no fast one has come", () => {
    const slow = betterClockEstimate(null, { offset: 900, rtt: 3_000 });
    expect(betterClockEstimate(slow, { offset: 300, rtt: 1_500 })).toEqual({ offset: -450, rtt: 1_500 });
    expect(betterClockEstimate({ offset: -450, rtt: 1_500 }, { offset: 4_000, rtt: 9_000 })).toEqual({ offset: -450, rtt: 1_500 });
  });

  it("reads a slow first sample so the countdown can run late but never early (a page reloaded mid-restart)", () => {
    // Same clocks; the page's first check-in waited 24 s for the restarted server, which stamped
    // its time as it answered: the midpoint says the server is 12 s ahead, and the countdown would
    // hit zero 12 s before the cap. Read at the early end, the estimate is right.
    const sentAt = 1_000_000;
    const receivedAt = sentAt + 24_000;
    const serverTime = receivedAt - 5;
    const estimate = betterClockEstimate(null, { offset: serverTime - (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt });
    expect(estimate.offset).toBe(-5);
    // Whatever the true offset and whenever the server stamped its time, the estimate is not
    // above the true offset: the countdown is never ahead.
    for (const trueOffset of [-3_000, 0, 3_000]) {
      for (const stampedAt of [sentAt, sentAt + 12_000, receivedAt]) {
        const sample = { offset: stampedAt + trueOffset - (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt };
        expect(betterClockEstimate(null, sample).offset).toBeLessThanOrEqual(trueOffset);
      }
    }
  });
});

describe("a clock sample", () => {
  it("takes the server's time at the round trip's midpoint", () => {
    expect(clockSample(1_000, 1_200, 5_100)).toEqual({ offset: 4_000, rtt: 200 });
  });

  it("moves the countdown's offset only for a change over 250 ms", () => {
    expect(nextClockOffset(0, { offset: 200, rtt: 50 })).toBe(0);
    expect(nextClockOffset(0, { offset: 300, rtt: 50 })).toBe(300);
    expect(nextClockOffset(300, { offset: -10, rtt: 50 })).toBe(-10);
  });
});
