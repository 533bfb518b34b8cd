import type { SignalInput, SignalMessage } from "@/lib/media/signalling";
import type { IceServer, IceTransportPolicy, TransportState } from "@/lib/media/types";
import { ApiError, fetchSignals, isGone, sendSignal } from "@/lib/api/client";
import { Emitter, setTracksEnabled, type CallTransport, type TransportEvent } from "@/lib/media/browser/transport";
import { classify, readStats, type QualityState } from "@/lib/media/browser/connection-quality";

// Browser-to-browser WebRTC for the two members of a session, signalled through
// /api/video/sessions/{id}/signals. The caller offers (once the callee has answered the call),
// the callee answers, both trickle ICE candidates. Signals are polled: fastest while waiting for
// the other side's description, fast while connecting, slowly once connected (to still hear
// about ICE restarts and the other side leaving).
//
// A drop is noticed two ways, whichever comes first: the connection's own state (Chromium says
// "disconnected" about 2.5 s after the last packet) and the stats read twice a second (nothing
// received for 1.2 s). Either shows "Reconnecting…"; the caller then restarts ICE (new paths,
// for a network that changed under us) while the old path may still come back by itself.

/** Waiting for the other side's offer or answer: every round trip here delays the first picture. */
const EAGER_POLL_MS = 250;
const FAST_POLL_MS = 500;
const SLOW_POLL_MS = 2_000;
/** How long the first connection may take before the call counts as failed. */
const CONNECT_TIMEOUT_MS = 30_000;
/** How long a lost connection may take to come back. */
const RECOVER_TIMEOUT_MS = 20_000;
/** Enough restarts to keep trying through the whole RECOVER_TIMEOUT_MS (1 s + 7 × 2.5 s). */
const MAX_ICE_RESTARTS = 7;
/** How often the stats are read: for the quality indicator and to notice a drop quickly. */
const STATS_INTERVAL_MS = 500;
/**
 * A drop this old is not a blip: the caller restarts ICE, and again every ICE_RESTART_RETRY_MS
 * while it lasts. A restart made while the network is still down fails, so once it is back the
 * picture returns with the next one: the retry interval bounds that wait (at 5 s the network-drop
 * journey saw 4.0–9.1 s from the network's return to the picture, against its 5 s target).
 */
const ICE_RESTART_AFTER_MS = 1_000;
const ICE_RESTART_RETRY_MS = 2_500;
/**
 * A restart whose ICE gathering reached a server (a relay or server-reflexive candidate: TURN or
 * STUN answered, so the network is back) is completing: the next restart waits this long after
 * that instead of throwing its progress away. Relay allocations sent while a TURN server was
 * unreachable complete as soon as it answers again; a retry 2.5 s after the last restart then
 * often landed mid-way and started over (network-drop journey: 4.0–5.1 s from the network's
 * return to the picture, 7.1 s on a loaded CI machine). Host candidates say nothing about the
 * network, so they don't count.
 */
const RESTART_PROGRESS_GRACE_MS = 3_000;

export type DirectTransportOptions = { sessionId: string; role: "caller" | "callee"; iceServers: IceServer[]; iceTransportPolicy: IceTransportPolicy };

export class DirectTransport implements CallTransport {
  private readonly events = new Emitter<TransportEvent>();
  private pc: RTCPeerConnection | null = null;
  private local: MediaStream | null = null;
  private remote: MediaStream | null = null;
  private state: TransportState = "connecting";
  private after = "0";
  /** Candidates that arrived before the description they belong to. */
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private closed = false;
  /** Once we have sent anything the other side may be waiting on us, so leaving says "bye". */
  private announced = false;
  private everConnected = false;
  private iceRestarts = 0;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;
  private descriptionsSent: Promise<void> = Promise.resolve();
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Between a drop and the path working again. */
  private recovering = false;
  /** When the ICE restart under way last reached a server (Date.now()), see RESTART_PROGRESS_GRACE_MS. */
  private restartProgressAt = 0;
  private quality: QualityState = { last: null, lastBytesAt: null };

  constructor(private readonly opts: DirectTransportOptions) {}

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  async connect(local: MediaStream | null): Promise<void> {
    this.local = local;
    const pc = new RTCPeerConnection({ iceServers: this.opts.iceServers, iceTransportPolicy: this.opts.iceTransportPolicy });
    this.pc = pc;
    pc.onicecandidate = ({ candidate: c }) => {
      if (c && this.recovering && (c.type === "relay" || c.type === "srflx")) this.restartProgressAt = Date.now();
      if (c) void this.send({ type: "candidate", payload: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment } });
    };
    pc.ontrack = (e) => this.onTrack(e);
    pc.onconnectionstatechange = () => this.onConnectionState(pc.connectionState);
    // ICE's own state can say "disconnected" before the connection state does.
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === "disconnected") this.onConnectionState("disconnected");
    };
    this.armDeadline(CONNECT_TIMEOUT_MS);
    this.statsTimer = setInterval(() => void this.readStats(), STATS_INTERVAL_MS);
    if (this.opts.role === "caller") {
      // Always offer both kinds, receive-only where we have nothing to send (permission denied).
      for (const kind of ["audio", "video"] as const) {
        const track = local?.getTracks().find((t) => t.kind === kind);
        if (track && local) pc.addTrack(track, local);
        else pc.addTransceiver(kind, { direction: "recvonly" });
      }
      await this.offer(false);
    }
    void this.pollSignals();
  }

  setMic(on: boolean): void {
    setTracksEnabled(this.local, "audio", on);
  }

  setCamera(on: boolean): void {
    setTracksEnabled(this.local, "video", on);
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    // RTCRtpSender.replaceTrack: same transceiver, same SDP, the other side just gets new frames.
    // The callee's senders exist only once the offer came; until then the stream (which the page
    // updated in place) is what onOffer adds.
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === track.kind);
    await sender?.replaceTrack(track);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadline);
    clearTimeout(this.restartTimer);
    clearInterval(this.statsTimer);
    this.wake?.();
    if (this.announced) {
      sendSignal(this.opts.sessionId, { type: "bye", payload: {} }, { keepalive: true }).catch(() => undefined);
    }
    this.pc?.close();
    this.pc = null;
    this.events.clear();
  }

  private setState(state: TransportState): void {
    // Once the other side has left, nothing this connection does changes that.
    if (this.closed || this.state === state || this.state === "peer-left") return;
    this.state = state;
    this.events.emit({ type: "state", state });
  }

  private armDeadline(ms: number): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      if (this.state !== "connected") this.setState("failed");
    }, ms);
  }

  private onTrack(e: RTCTrackEvent): void {
    const [stream] = e.streams;
    if (stream) {
      if (stream === this.remote) return;
      this.remote = stream;
    } else {
      // A track sent without a stream: a new stream object so the <video> picks it up.
      this.remote = new MediaStream([...(this.remote?.getTracks() ?? []), e.track]);
    }
    this.events.emit({ type: "remote-stream", stream: this.remote });
  }

  private onConnectionState(s: RTCPeerConnectionState): void {
    if (this.closed) return;
    switch (s) {
      case "connected":
        this.everConnected = true;
        this.recovered();
        break;
      case "disconnected":
      case "failed":
        this.lost(s === "failed");
        break;
    }
  }

  /** The media path works (again). */
  private recovered(): void {
    const afterDrop = this.recovering;
    this.recovering = false;
    this.iceRestarts = 0;
    clearTimeout(this.deadline);
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.setState("connected");
    if (afterDrop) void this.sendKeyFrame();
  }

  /**
   * After a drop, the other side's decoder holds frames that depend on frames lost in it: it can
   * show nothing until a key frame, and Chromium's receiver asks for one only once it has gone
   * 3 s without a decodable frame. The network-drop journey's timelines showed exactly that: the
   * path back in 0.2–0.4 s, frames arriving, none decoded for ~3 s (up to 9 s once), then a PLI.
   * So each side sends a key frame as soon as its path is back: pausing the video encoding for a
   * moment (`active` false, then true, through setParameters; no renegotiation) restarts the
   * encoder, whose first frame is a key frame.
   */
  private async sendKeyFrame(): Promise<void> {
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === "video");
    if (!sender) return;
    const toggle = async (active: boolean) => {
      const params = sender.getParameters();
      if (!params.encodings?.length) return false;
      for (const e of params.encodings) e.active = active;
      await sender.setParameters(params);
      return true;
    };
    let paused = false;
    try {
      paused = await toggle(false);
    } catch (err) {
      if (!this.closed) console.warn("call: could not refresh the video after a drop", err);
    } finally {
      // Never left paused: the picture must come back even if the first step failed half-way.
      if (!this.closed && (paused || sender.getParameters().encodings?.some((e) => e.active === false))) await toggle(true).catch(() => undefined);
    }
  }

  /**
   * The media path dropped: say so, poll signals fast (an ICE restart offer may come), and on
   * the caller's side restart ICE unless the path comes back by itself first. Gives up (failed)
   * after RECOVER_TIMEOUT_MS.
   */
  private lost(failed: boolean): void {
    if (this.state === "peer-left") return;
    this.setState(this.everConnected ? "reconnecting" : "connecting");
    if (!this.recovering || failed) this.armDeadline(RECOVER_TIMEOUT_MS);
    this.recovering = true;
    this.wake?.();
    if (this.opts.role !== "caller") return;
    if (failed) clearTimeout(this.restartTimer);
    else if (this.restartTimer) return;
    const restart = () => {
      if (this.closed || this.state === "connected" || this.iceRestarts >= MAX_ICE_RESTARTS) return;
      const wait = this.restartProgressAt + RESTART_PROGRESS_GRACE_MS - Date.now();
      if (wait > 0) {
        this.restartTimer = setTimeout(restart, wait);
        return;
      }
      this.iceRestarts += 1;
      void this.offer(true);
      this.restartTimer = setTimeout(restart, ICE_RESTART_RETRY_MS);
    };
    this.restartTimer = setTimeout(restart, failed ? 0 : ICE_RESTART_AFTER_MS);
  }

  /** Reads the stats once: the quality verdict for the page, and a drop noticed before ICE notices it. */
  private async readStats(): Promise<void> {
    const pc = this.pc;
    if (!pc || this.closed || !this.everConnected) return;
    const stats = await pc.getStats().catch(() => null);
    if (!stats || this.closed) return;
    const video = this.remote?.getVideoTracks()[0];
    const { state, verdict } = classify(this.quality, readStats(stats.values() as Iterable<Record<string, unknown> & { type: string; id: string }>, Date.now()), !!video && !video.muted);
    this.quality = state;
    if (verdict.stalled && this.state === "connected") this.lost(false);
    else if (!verdict.stalled && this.state === "reconnecting" && pc.connectionState === "connected") this.recovered();
    this.events.emit({ type: "quality", quality: verdict });
  }

  private async offer(iceRestart: boolean): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    try {
      await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
      if (pc.localDescription) await this.send({ type: "offer", payload: { sdp: pc.localDescription.sdp } });
    } catch (err) {
      if (!this.closed) console.warn("call: could not create the offer", err);
    }
  }

  private async onOffer(sdp: string): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    const first = !pc.remoteDescription;
    await pc.setRemoteDescription({ type: "offer", sdp });
    // Added after the offer so they ride on the transceivers it created.
    if (first && this.local) for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
    await pc.setLocalDescription(await pc.createAnswer());
    await this.addPendingCandidates();
    if (pc.localDescription) await this.send({ type: "answer", payload: { sdp: pc.localDescription.sdp } });
  }

  private async onAnswer(sdp: string): Promise<void> {
    const pc = this.pc;
    if (!pc || pc.signalingState !== "have-local-offer") return;
    await pc.setRemoteDescription({ type: "answer", sdp });
    await this.addPendingCandidates();
  }

  private async onCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    if (!pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    // A candidate from an older ICE generation is refused; the newer ones are what count.
    await pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private async addPendingCandidates(): Promise<void> {
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) await this.onCandidate(candidate);
  }

  private async handle(message: SignalMessage): Promise<void> {
    try {
      switch (message.type) {
        case "offer":
          return await this.onOffer(message.payload.sdp);
        case "answer":
          return await this.onAnswer(message.payload.sdp);
        case "candidate":
          return await this.onCandidate(message.payload);
        case "bye":
          return this.setState("peer-left");
      }
    } catch (err) {
      if (!this.closed) console.warn(`call: could not apply the ${message.type}`, err);
    }
  }

  private async pollSignals(): Promise<void> {
    while (!this.closed) {
      try {
        const { signals } = await fetchSignals(this.opts.sessionId, this.after);
        for (const message of signals) {
          if (this.closed) return;
          this.after = message.id;
          await this.handle(message);
        }
      } catch (err) {
        // The session is over (or gone): the call page learns that from the session itself.
        if (isGone(err)) return;
      }
      await this.sleep(this.state === "connected" ? SLOW_POLL_MS : this.pc?.remoteDescription ? FAST_POLL_MS : EAGER_POLL_MS);
    }
  }

  /** Waits until the next poll, or less when the connection drops (so polling speeds up at once). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /**
   * Posts a signal once every description sent before it has been stored: an ICE candidate must
   * not overtake its offer (the other side would drop it). Candidates go out side by side.
   */
  private send(signal: SignalInput): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.announced = true;
    const sent = this.descriptionsSent.then(() => this.post(signal));
    if (signal.type === "offer" || signal.type === "answer") this.descriptionsSent = sent;
    return sent;
  }

  private async post(signal: SignalInput): Promise<void> {
    for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
      try {
        await sendSignal(this.opts.sessionId, signal);
        return;
      } catch (err) {
        // Only a request that never arrived is worth repeating; 409/404 mean the call is over.
        if (!(err instanceof ApiError) || err.status !== 0) return;
        await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
      }
    }
  }
}
