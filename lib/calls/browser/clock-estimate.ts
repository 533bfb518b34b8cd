// The call page's estimate of the server's clock, which the countdown to a first call's cap runs
// on: each check-in answer carries the server's time, and one round trip gives one sample.

/** The server clock's offset from ours (ms), and the round trip it was measured over. */
export interface ClockEstimate {
  offset: number;
  rtt: number;
}

/** A round trip up to this long measures the offset well enough (error ≤ half of it). */
export const CLOCK_SAMPLE_MAX_RTT_MS = 1_000;

/** One sample: the server stamped `serverTime` somewhere between `sentAt` and `receivedAt` (our clock). */
export function clockSample(sentAt: number, receivedAt: number, serverTime: number): ClockEstimate {
  return { offset: serverTime - (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt };
}

/**
 * Keeps the estimate from a fast round trip. A sample's error can be up to half its round trip:
 * one answer that waited 20 s (a server restarting, a machine under load) would otherwise put the
 * countdown 10 s ahead and end the call early. A slow sample replaces the estimate only if it is
 * still the best we have — the first answer a page gets can be such a one (a page reloaded while
 * the server restarts) — and is then read at the early end of what it allows: as if the server
 * stamped its time just before the answer arrived, which an answer that waited usually did. The
 * countdown can then only run late, never early, and the server ends the call at its cap anyway.
 */
export function betterClockEstimate(current: ClockEstimate | null, sample: ClockEstimate): ClockEstimate {
  if (sample.rtt <= CLOCK_SAMPLE_MAX_RTT_MS) return sample;
  if (current === null || sample.rtt < current.rtt) return { offset: sample.offset - sample.rtt / 2, rtt: sample.rtt };
  return current;
}

/** The offset the countdown uses: changes under this much are noise and would only re-render. */
export const CLOCK_OFFSET_STEP_MS = 250;

export function nextClockOffset(shown: number, estimate: ClockEstimate): number {
  return Math.abs(shown - estimate.offset) > CLOCK_OFFSET_STEP_MS ? estimate.offset : shown;
}
