import { describe, expect, it } from "vitest";
import { classify, fromLiveKitQuality, readStats, STALL_MS, type QualityState, type StatsReading } from "@/lib/media/browser/connection-quality";

const reading = (at: number, over: Partial<StatsReading> = {}): StatsReading => ({
  at,
  bytesReceived: at * 100,
  packetsReceived: at / 10,
  packetsLost: 0,
  framesDecoded: (at / 1000) * 30,
  rttMs: 40,
  remoteFractionLost: 0,
  bandwidthLimited: false,
  ...over,
});

/** Feeds readings one a second and returns the last verdict. */
function run(readings: StatsReading[], expectVideo = true) {
  let state: QualityState = { last: null, lastBytesAt: null };
  let verdict = null as ReturnType<typeof classify>["verdict"] | null;
  for (const r of readings) ({ state, verdict } = classify(state, r, expectVideo));
  return verdict!;
}

describe("the connection-quality classifier", () => {
  it("says good for a healthy call: 30 fps, no loss, 40 ms round trip", () => {
    expect(run([reading(1_000), reading(2_000)])).toEqual({ self: "good", other: "good", stalled: false });
  });

  it("says the other person is poor when their picture drops under 10 fps or 5% of their packets are lost", () => {
    expect(run([reading(1_000), reading(2_000, { framesDecoded: 30 + 6 })]).other).toBe("poor");
    expect(run([reading(1_000), reading(2_000, { packetsReceived: 190, packetsLost: 11 })]).other).toBe("poor");
    // A camera turned off is not a poor connection.
    expect(run([reading(1_000), reading(2_000, { framesDecoded: 30 })], false).other).toBe("good");
  });

  it("says oneself is poor when the other side reports losing our packets, or our sending is bandwidth-limited", () => {
    expect(run([reading(1_000), reading(2_000, { remoteFractionLost: 0.12 })])).toMatchObject({ self: "poor", other: "good" });
    expect(run([reading(1_000), reading(2_000, { bandwidthLimited: true })]).self).toBe("poor");
  });

  it("says both are poor over a slow path (round trip over 400 ms)", () => {
    expect(run([reading(1_000), reading(2_000, { rttMs: 650 })])).toMatchObject({ self: "poor", other: "poor" });
  });

  it("says lost, and stalled, once nothing has arrived for 1.5 s; good again when bytes flow", () => {
    const frozen = { bytesReceived: 100_000, packetsReceived: 100, framesDecoded: 30 };
    const stuck = [reading(1_000), reading(2_000, frozen), reading(3_000, frozen)];
    expect(run(stuck.slice(0, 2)).stalled).toBe(false);
    expect(run([...stuck, reading(2_000 + STALL_MS, frozen)])).toEqual({ self: "lost", other: "lost", stalled: true });
    expect(run([...stuck, reading(4_000, frozen), reading(5_000)]).stalled).toBe(false);
  });

  it("does not call a call that never received anything stalled (nothing to lose yet)", () => {
    const none = { bytesReceived: 0, packetsReceived: 0, framesDecoded: null };
    expect(run([reading(1_000, none), reading(5_000, none)]).stalled).toBe(false);
  });

  it("reads getStats() as Chromium reports it", () => {
    const r = readStats(
      [
        { type: "transport", id: "T", bytesReceived: 5_000, selectedCandidatePairId: "P" },
        { type: "candidate-pair", id: "P", currentRoundTripTime: 0.123 },
        { type: "inbound-rtp", id: "A", kind: "audio", packetsReceived: 50, packetsLost: 1 },
        { type: "inbound-rtp", id: "V", kind: "video", packetsReceived: 100, packetsLost: 2, framesDecoded: 90 },
        { type: "remote-inbound-rtp", id: "R", fractionLost: 0.02 },
        { type: "outbound-rtp", id: "O", kind: "video", qualityLimitationReason: "bandwidth" },
      ],
      7,
    );
    expect(r).toEqual({ at: 7, bytesReceived: 5_000, packetsReceived: 150, packetsLost: 3, framesDecoded: 90, rttMs: 123, remoteFractionLost: 0.02, bandwidthLimited: true });
  });

  it("maps LiveKit's ConnectionQuality onto the same words", () => {
    expect(["excellent", "good", "poor", "lost", "unknown"].map(fromLiveKitQuality)).toEqual(["good", "good", "poor", "lost", null]);
  });
});
