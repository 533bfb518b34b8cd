import "server-only";
import { env } from "@/lib/env";
import { tooMany } from "@/lib/http/http-error";
import { MAX_STREAMS_PER_MEMBER, streamCount, streamCountFrom } from "@/lib/events/hub";

// Caps on open event streams, besides the per-member one (the hub closes a member's oldest tab).
// A stream costs a socket and a closure for hours: without a cap per client address one client
// with many accounts (or none needed: a signed-in one opening tabs across accounts) could hold
// the instance's memory, and without one per instance a burst could exhaust it (the bench's
// 10,000 streams need ~570 MB). Refused with 429; the tab then falls back to its poll.

export function streamLimits() {
  const e = env();
  return { perInstance: e.EVENT_STREAMS_PER_INSTANCE, perAddress: e.EVENT_STREAMS_PER_ADDRESS, perMember: MAX_STREAMS_PER_MEMBER };
}

/** Throws 429 when this instance, or this client address on it, has as many streams as allowed. */
export function admitStream(address: string): void {
  const { perInstance, perAddress } = streamLimits();
  if (streamCount() >= perInstance) throw tooMany("This server has too many open event streams right now; try again shortly.");
  if (streamCountFrom(address) >= perAddress) throw tooMany("Too many open event streams from your address.");
}
