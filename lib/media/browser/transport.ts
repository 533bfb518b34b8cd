// The one interface the call page talks to, whichever transport the server chose at join
// (create-transport.ts picks it): a direct RTCPeerConnection signalled through the app, or a
// LiveKit room. The page renders the same stage, controls and states for both; only the
// remote-media slot differs: a plain <video> for the direct stream, @livekit/components-react
// for a LiveKit room.
import type { TransportState } from "@/lib/media/types";
import type { QualityVerdict } from "@/lib/media/browser/connection-quality";

export type TransportEvent =
  | { type: "state"; state: TransportState }
  | { type: "remote-stream"; stream: MediaStream }
  /** About once a second while connected: how good the connection is, for us and for the other side. */
  | { type: "quality"; quality: QualityVerdict }
  /** LiveKit only: the joined room, which @livekit/components-react renders inside the same stage. */
  | { type: "livekit-room"; room: import("livekit-client").Room };

export interface CallTransport {
  /** Starts sending `local` (null: receive only) and receiving the other member's media. */
  connect(local: MediaStream | null): Promise<void>;
  subscribe(listener: (event: TransportEvent) => void): () => void;
  setMic(on: boolean): void;
  setCamera(on: boolean): void;
  /**
   * Sends `track` (another camera or microphone) instead of the one of its kind now sent, with
   * no renegotiation. Before the media connects the page's stream already holds it.
   */
  replaceTrack(track: MediaStreamTrack): Promise<void>;
  /** Leaves the call's media for good. Safe to call more than once. */
  close(): void;
}

/** A minimal listener set shared by the transports. */
export class Emitter<E> {
  private readonly listeners = new Set<(event: E) => void>();

  subscribe(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) listener(event);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/** Enables or disables the local tracks of one kind: no renegotiation, the other side gets silence/black. */
export function setTracksEnabled(stream: MediaStream | null, kind: "audio" | "video", on: boolean): void {
  for (const track of stream?.getTracks() ?? []) if (track.kind === kind) track.enabled = on;
}
