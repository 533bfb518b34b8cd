// How good a call's connection is, for oneself and for the other person: "good", "poor" or
// "lost". On the direct path it is read from RTCPeerConnection.getStats() twice a second (this
// file: pure functions over the stats, so they are testable without a browser); on the LiveKit
// path it is LiveKit's own ConnectionQuality, mapped onto the same three words.
//
//   the other person  what reaches us from them: bytes arriving at all, packet loss on what we
//                     receive, frames decoded per second of their video
//   oneself           what the other side reports back about our media (RTCP receiver
//                     reports: loss, round trip), and the round trip of the path itself

export type ConnectionQuality = "good" | "poor" | "lost";

/** Round trip above this (ms) makes a conversation awkward: people talk over each other. */
export const POOR_RTT_MS = 400;
/** Packet loss above this share of packets shows as frozen picture and chopped sound. */
export const POOR_LOSS = 0.05;
/** Under this many frames a second a picture reads as a slideshow. */
export const POOR_FPS = 10;
/** Nothing at all arriving for this long: the media is lost (the transport calls that reconnecting). */
export const STALL_MS = 1_200;

/** One reading of the stats that matter, cumulative as getStats() reports them. */
export type StatsReading = {
  at: number;
  /** Everything received on the selected transport (RTP, RTCP, STUN). */
  bytesReceived: number;
  /** Inbound RTP over all kinds. */
  packetsReceived: number;
  packetsLost: number;
  /** Inbound video frames decoded; null with no video coming. */
  framesDecoded: number | null;
  /** The selected candidate pair's current round trip (ms), null before one is measured. */
  rttMs: number | null;
  /** What the other side last reported about our outbound media: fraction lost (0–1), null when not yet reported. */
  remoteFractionLost: number | null;
  /** Our outbound media is limited by bandwidth (the encoder is being held back). */
  bandwidthLimited: boolean;
};

type Stat = Record<string, unknown> & { type: string; id: string };
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The reading of one RTCStatsReport (given as its values). */
export function readStats(stats: Iterable<Stat>, at: number): StatsReading {
  const byId = new Map<string, Stat>();
  for (const s of stats) byId.set(s.id, s);
  const r: StatsReading = { at, bytesReceived: 0, packetsReceived: 0, packetsLost: 0, framesDecoded: null, rttMs: null, remoteFractionLost: null, bandwidthLimited: false };
  for (const s of byId.values()) {
    switch (s.type) {
      case "transport": {
        r.bytesReceived += num(s.bytesReceived) ?? 0;
        const pair = typeof s.selectedCandidatePairId === "string" ? byId.get(s.selectedCandidatePairId) : undefined;
        const rtt = num(pair?.currentRoundTripTime);
        if (rtt !== null) r.rttMs = rtt * 1000;
        break;
      }
      case "inbound-rtp":
        r.packetsReceived += num(s.packetsReceived) ?? 0;
        r.packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
        if (s.kind === "video") r.framesDecoded = (r.framesDecoded ?? 0) + (num(s.framesDecoded) ?? 0);
        break;
      case "remote-inbound-rtp": {
        const lost = num(s.fractionLost);
        if (lost !== null) r.remoteFractionLost = Math.max(r.remoteFractionLost ?? 0, lost);
        break;
      }
      case "outbound-rtp":
        if (s.qualityLimitationReason === "bandwidth") r.bandwidthLimited = true;
        break;
    }
  }
  return r;
}

export type QualityState = {
  /** The last reading, to take differences from. */
  last: StatsReading | null;
  /** When bytes last arrived (null: never yet). */
  lastBytesAt: number | null;
};

export type QualityVerdict = { self: ConnectionQuality; other: ConnectionQuality; stalled: boolean };

/**
 * The verdict from one more reading: the other person's quality from what we received since
 * the last reading, ours from what they report about us. `expectVideo`: they are sending video
 * (their camera is on), so a low frame rate counts.
 */
export function classify(state: QualityState, reading: StatsReading, expectVideo: boolean): { state: QualityState; verdict: QualityVerdict } {
  const last = state.last;
  const arriving = last === null ? reading.bytesReceived > 0 : reading.bytesReceived > last.bytesReceived;
  const lastBytesAt = arriving ? reading.at : state.lastBytesAt;
  const stalled = lastBytesAt !== null && reading.at - lastBytesAt >= STALL_MS;
  const next = { last: reading, lastBytesAt };
  if (stalled) return { state: next, verdict: { self: "lost", other: "lost", stalled } };

  const slowPath = reading.rttMs !== null && reading.rttMs > POOR_RTT_MS;
  let otherPoor = slowPath;
  if (last) {
    const received = reading.packetsReceived - last.packetsReceived;
    const lost = reading.packetsLost - last.packetsLost;
    if (received + lost > 0 && lost / (received + lost) > POOR_LOSS) otherPoor = true;
    const seconds = (reading.at - last.at) / 1000;
    if (expectVideo && seconds > 0 && reading.framesDecoded !== null && last.framesDecoded !== null) {
      if ((reading.framesDecoded - last.framesDecoded) / seconds < POOR_FPS) otherPoor = true;
    }
  }
  const selfPoor = slowPath || reading.bandwidthLimited || (reading.remoteFractionLost !== null && reading.remoteFractionLost > POOR_LOSS);
  return { state: next, verdict: { self: selfPoor ? "poor" : "good", other: otherPoor ? "poor" : "good", stalled } };
}

/** LiveKit's ConnectionQuality ("excellent" | "good" | "poor" | "lost" | "unknown") in our three words; null for unknown. */
export function fromLiveKitQuality(q: string): ConnectionQuality | null {
  switch (q) {
    case "excellent":
    case "good":
      return "good";
    case "poor":
      return "poor";
    case "lost":
      return "lost";
    default:
      return null;
  }
}
