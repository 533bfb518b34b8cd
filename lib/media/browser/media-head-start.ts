// A head start for the call page: the camera and microphone opened as the member answers, and the
// media transport's code fetched as the call page opens, instead of each waiting for the page
// that uses it. The join-video measurement (npm run join-video, docs/benchmarks.md) put the
// callee's camera at 750 ms after the Join click and the first RTCPeerConnection 250–1,000 ms
// after the camera: both were waiting on the call page to render and then ask.
//
// The incoming-call card's Join opens the camera beside its answer request; the call page, a
// client-side navigation later in the same document, claims what was opened. Unclaimed (the
// answer failed, or the member went elsewhere), it is stopped within HEAD_START_TTL_MS, so the
// camera light never stays on for nothing.
import { stopLocalMedia, type LocalMedia } from "@/lib/media/browser/local-media";
import type { MediaConnection } from "@/lib/media/types";

/** Long enough for an answer and a client-side navigation on a slow phone; short for a camera light. */
export const HEAD_START_TTL_MS = 15_000;

let early: { media: Promise<LocalMedia>; timer: ReturnType<typeof setTimeout> } | null = null;

/** Opens the camera and mic now (`open`), for the next call page to claim. Replaces an earlier head start. */
export function startLocalMediaEarly(open: () => Promise<LocalMedia>): void {
  releaseEarlyLocalMedia();
  const media = open();
  const timer = setTimeout(releaseEarlyLocalMedia, HEAD_START_TTL_MS);
  early = { media, timer };
}

/** What the last head start opened (once: the claimer owns it from now on), or null. */
export function claimEarlyLocalMedia(): Promise<LocalMedia> | null {
  if (!early) return null;
  const { media, timer } = early;
  clearTimeout(timer);
  early = null;
  return media;
}

/** Stops what a head start opened and nobody claimed. */
export function releaseEarlyLocalMedia(): void {
  const unclaimed = claimEarlyLocalMedia();
  void unclaimed?.then((m) => stopLocalMedia(m.stream), () => undefined);
}

/**
 * Fetches a transport's code ahead of the call's connection, so createTransport finds it loaded.
 * Failures are ignored here: createTransport loads (and retries) it again when it needs it.
 */
export function preloadTransport(kind: MediaConnection["transport"]): void {
  const load = kind === "livekit" ? import("@/lib/media/browser/livekit-transport") : import("@/lib/media/browser/direct-transport");
  void load.catch(() => undefined);
}
