// What a page's WebRTC did, second by second, for journeys that time media recovery: an init
// script wraps RTCPeerConnection (as relay-ice's recorder does) and notes, with Date.now(), every
// connection/ICE state change, every candidate gathered (its type), every description set (its
// ICE ufrag, which changes with each ICE restart), and, every 250 ms, the video stats that say
// whether pictures move: frames received/decoded, key frames, PLIs sent and received, and the
// encoder's limitation. Only changes are kept, so a failure message can print the whole outage.
import type { BrowserContext, Page } from "@playwright/test";

type Entry = { at: number; what: string };

function recordRtc() {
  const log: Entry[] = [];
  const pcs: RTCPeerConnection[] = [];
  (window as unknown as { __rtc: Entry[]; __rtcPcs: RTCPeerConnection[] }).__rtc = log;
  (window as unknown as { __rtcPcs: RTCPeerConnection[] }).__rtcPcs = pcs;
  const note = (what: string) => log.push({ at: Date.now(), what });
  const ufrag = (sdp?: string) => /a=ice-ufrag:(\S+)/.exec(sdp ?? "")?.[1] ?? "?";
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcs.push(this);
      this.addEventListener("connectionstatechange", () => note(`pc ${this.connectionState}`));
      this.addEventListener("iceconnectionstatechange", () => note(`ice ${this.iceConnectionState}`));
      this.addEventListener("icecandidate", (e) => note(e.candidate ? `gathered ${e.candidate.type} ${e.candidate.usernameFragment}` : "gathering done"));
      let last = "";
      const timer = setInterval(async () => {
        if (this.connectionState === "closed") return clearInterval(timer);
        const stats = await this.getStats().catch(() => null);
        if (!stats) return;
        const parts: string[] = [];
        stats.forEach((s: Record<string, unknown>) => {
          if (s.type === "inbound-rtp" && s.kind === "video")
            parts.push(
              `in rx ${s.framesReceived} dec ${s.framesDecoded} key ${s.keyFramesDecoded} drop ${s.framesDropped} pli> ${s.pliCount} nack> ${s.nackCount} ` +
                `lost ${s.packetsLost} jb ${Number(s.jitterBufferEmittedCount) ? (Number(s.jitterBufferDelay) / Number(s.jitterBufferEmittedCount)).toFixed(2) : "-"}s`,
            );
          if (s.type === "outbound-rtp" && s.kind === "video")
            parts.push(`out enc ${s.framesEncoded} key ${s.keyFramesEncoded} <pli ${s.pliCount} lim ${s.qualityLimitationReason}`);
        });
        const now = parts.join(" | ");
        if (now !== last) note(now);
        last = now;
      }, 250);
    }
    override setLocalDescription(d?: RTCLocalSessionDescriptionInit): Promise<void> {
      const p = d ? super.setLocalDescription(d) : super.setLocalDescription();
      return p.then(() => void note(`local ${this.localDescription?.type} ufrag ${ufrag(this.localDescription?.sdp)}`));
    }
    override setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
      return super.setRemoteDescription(d).then(() => void note(`remote ${d.type} ufrag ${ufrag(d.sdp)}`));
    }
  };
}

export async function recordRtcTimeline(context: BrowserContext): Promise<void> {
  await context.addInitScript(recordRtc);
}

/**
 * The page's timeline from `from` on, times relative to `zero` (ms), one line each; consecutive
 * stats lines that only count frames up are kept (they show when pictures moved).
 */
export async function rtcTimeline(page: Page, from: number, zero: number): Promise<string> {
  const log = await page.evaluate(() => (window as unknown as { __rtc?: Entry[] }).__rtc ?? []).catch(() => [] as Entry[]);
  return log
    .filter((e) => e.at >= from)
    .map((e) => `${String(e.at - zero).padStart(6)} ms  ${e.what}`)
    .join("\n");
}

/** Video frames the page's open peer connections have received in all (complete frames, decoded or not). */
export function videoFramesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const pc of (window as unknown as { __rtcPcs?: RTCPeerConnection[] }).__rtcPcs ?? []) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === "inbound-rtp" && s.kind === "video") frames += Number(s.framesReceived ?? 0);
      });
    }
    return frames;
  });
}
