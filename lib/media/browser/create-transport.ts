import type { MediaConnection } from "@/lib/media/types";
import type { CallTransport } from "@/lib/media/browser/transport";

// Kept apart from transport.ts, which both transports import: no import cycle.

export type TransportOptions = { sessionId: string; role: "caller" | "callee" };

export async function createTransport(media: MediaConnection, opts: TransportOptions): Promise<CallTransport> {
  // Loaded on demand: only calls that use a transport pay for its code (livekit-client is large).
  if (media.transport === "livekit") {
    const { LiveKitTransport } = await loadChunk(() => import("@/lib/media/browser/livekit-transport"));
    return new LiveKitTransport(media);
  }
  const { DirectTransport } = await loadChunk(() => import("@/lib/media/browser/direct-transport"));
  return new DirectTransport({ ...opts, iceServers: media.iceServers, iceTransportPolicy: media.iceTransportPolicy });
}

/** Waits before each retry of a chunk that failed to load: about 7 s in all. */
const CHUNK_RETRY_MS = [500, 1_500, 5_000];

/**
 * A code chunk fetched on demand can fail to load while the server restarts or the network
 * blips — seen in e2e/app-restart.spec.ts, where the call page of a call answered just before a
 * restart asked for its transport's chunk while the server was down. The call is still running,
 * so try again a few times before giving up, which the call page then shows as media that
 * could not connect (it used to be an unhandled rejection: no media, and no word of it).
 */
async function loadChunk<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= CHUNK_RETRY_MS.length) throw err;
      await new Promise((resolve) => setTimeout(resolve, CHUNK_RETRY_MS[attempt]));
    }
  }
}
