import type { MediaConnection } from "@/lib/media/types";
import type { CallTransport } from "@/lib/media/browser/transport";

// Kept apart from transport.ts, which both transports import: no import cycle.

export type TransportOptions = { sessionId: string; role: "caller" | "callee" };

export async function createTransport(media: MediaConnection, opts: TransportOptions): Promise<CallTransport> {
  // Loaded on demand: only calls that use a transport pay for its code (livekit-client is large).
  if (media.transport === "livekit") {
    const { LiveKitTransport } = await import("@/lib/media/browser/livekit-transport");
    return new LiveKitTransport(media);
  }
  const { DirectTransport } = await import("@/lib/media/browser/direct-transport");
  return new DirectTransport({ ...opts, iceServers: media.iceServers, iceTransportPolicy: media.iceTransportPolicy });
}
