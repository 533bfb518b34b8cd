import type { Room } from "livekit-client";
import type { ConnectionDetails, TransportState } from "@/lib/media/types";
import { Emitter, type CallTransport, type TransportEvent } from "@/lib/media/browser/transport";
import { fromLiveKitQuality, type ConnectionQuality } from "@/lib/media/browser/connection-quality";

// The LiveKit path: one room per session, joined with the token the join response carried.
// Publishes the same local stream the page already shows as self-view, and hands the other
// member's subscribed tracks to the page as one MediaStream, like the direct path does.

/** How long the other member may take to show up in the room before the call counts as failed. */
const CONNECT_TIMEOUT_MS = 30_000;

export class LiveKitTransport implements CallTransport {
  private readonly events = new Emitter<TransportEvent>();
  private room: Room | null = null;
  private state: TransportState = "connecting";
  private closed = false;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly details: ConnectionDetails) {}

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  async connect(local: MediaStream | null): Promise<void> {
    const { Room, RoomEvent, Track } = await import("livekit-client");
    if (this.closed) return;
    const room = new Room({ adaptiveStream: false, dynacast: true });
    this.room = room;
    const peerPresent = () => room.remoteParticipants.size > 0;
    const emitRemote = () => {
      const tracks = [...room.remoteParticipants.values()].flatMap((p) =>
        [...p.trackPublications.values()].flatMap((pub) => (pub.track ? [pub.track.mediaStreamTrack] : [])),
      );
      this.events.emit({ type: "remote-stream", stream: new MediaStream(tracks) });
    };

    room
      .on(RoomEvent.ParticipantConnected, () => this.setState("connected"))
      .on(RoomEvent.ParticipantDisconnected, () => this.setState("peer-left"))
      .on(RoomEvent.TrackSubscribed, () => {
        this.setState("connected");
        emitRemote();
      })
      .on(RoomEvent.TrackUnsubscribed, emitRemote)
      // LiveKit's own measure of each participant's connection, in our three words.
      .on(RoomEvent.ConnectionQualityChanged, (_quality, participant) => {
        const of = (p: { connectionQuality: string } | undefined): ConnectionQuality => fromLiveKitQuality(p?.connectionQuality ?? "unknown") ?? "good";
        const other = [...room.remoteParticipants.values()][0];
        if (participant) this.events.emit({ type: "quality", quality: { self: of(room.localParticipant), other: other ? of(other) : "lost", stalled: false } });
      })
      .on(RoomEvent.Reconnecting, () => this.setState("reconnecting"))
      .on(RoomEvent.Reconnected, () => this.setState(peerPresent() ? "connected" : "connecting"))
      // Also what happens when the server ends the call (room closed, or the first-call cap).
      .on(RoomEvent.Disconnected, () => this.setState("failed"));

    this.deadline = setTimeout(() => {
      if (this.state === "connecting") this.setState("failed");
    }, CONNECT_TIMEOUT_MS);

    try {
      await room.connect(this.details.serverUrl, this.details.participantToken);
    } catch (err) {
      if (!this.closed) {
        console.warn("call: could not join the LiveKit room", err);
        this.setState("failed");
      }
      return;
    }
    this.events.emit({ type: "livekit-room", room });
    for (const track of local?.getTracks() ?? []) {
      if (this.closed) return;
      const source = track.kind === "audio" ? Track.Source.Microphone : Track.Source.Camera;
      const publication = await room.localParticipant.publishTrack(track, { source });
      // Muted on the page before the room was joined (the track is disabled): say so to the room.
      if (!track.enabled) await publication.mute();
    }
    if (peerPresent()) {
      this.setState("connected");
      emitRemote();
    }
  }

  setMic(on: boolean): void {
    void this.setPublished("microphone", on);
  }

  setCamera(on: boolean): void {
    void this.setPublished("camera", on);
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    // LiveKit's own switch for a track we captured ourselves: it replaces the sender's track
    // (no renegotiation) and keeps the publication, its mute state and its sid.
    const { Track } = await import("livekit-client");
    const source = track.kind === "audio" ? Track.Source.Microphone : Track.Source.Camera;
    await this.room?.localParticipant.getTrackPublication(source)?.track?.replaceTrack(track, true);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadline);
    this.events.clear();
    void this.room?.disconnect();
    this.room = null;
  }

  /** Mutes or unmutes a published track; LiveKit also tells the other side it is muted. */
  private async setPublished(source: "microphone" | "camera", on: boolean): Promise<void> {
    const { Track } = await import("livekit-client");
    const track = this.room?.localParticipant.getTrackPublication(source === "camera" ? Track.Source.Camera : Track.Source.Microphone)?.track;
    if (track) await (on ? track.unmute() : track.mute());
  }

  private setState(state: TransportState): void {
    if (this.closed || this.state === state || this.state === "peer-left") return;
    if (state === "connected") clearTimeout(this.deadline);
    this.state = state;
    this.events.emit({ type: "state", state });
  }
}
