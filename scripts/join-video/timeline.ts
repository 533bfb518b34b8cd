// What a call page does between Join and the first remote frame, as marks (Date.now() in the
// page: every page runs on this machine, so one clock) reported to the script through a binding.
// The script runs it in every page before the page's own code.

/** The marks, in the order a call makes them. Only each one's first time counts. */
export const MARKS = [
  "click", // the callee's Join click on the incoming-call card (dashboard)
  "nav", // the call page's navigation started (performance.timeOrigin)
  "gum", // getUserMedia resolved: the camera and mic are open
  "join-sent", // the first join request (the callee's: the card's answer)
  "join-answered",
  "rsc-sent", // a client-side navigation's request for the call page (React Server Components payload)
  "rsc-first-byte",
  "rsc-done",
  "chunk-sent", // the first JavaScript chunk requested after the page started (a navigation's code)
  "chunk-last-done", // the last JavaScript chunk loaded (kept as the latest, not the first)
  "call-page", // the call screen is in the DOM (ringing screen or call stage)
  "call-join-sent", // the call page's own join (idempotent), which hands it the media connection
  "call-join-answered",
  "pc", // the RTCPeerConnection exists
  "local-offer",
  "remote-offer",
  "local-answer",
  "remote-answer",
  "connected", // the peer connection's state is "connected"
  "track", // the other side's first track arrived
  "frame", // the remote <video> shows a picture and its clock moves
] as const;
export type Mark = (typeof MARKS)[number];

export const BINDING = "__joinVideoMark";

/** The init script: wraps the APIs whose moments make a mark, and watches for the first frame. */
export const TIMELINE_SCRIPT = `(() => {
  const mark = (name, at) => { try { window.${BINDING}(name, Math.round(at ?? Date.now())); } catch {} };
  if (location.pathname.startsWith("/call/")) mark("nav", performance.timeOrigin);
  document.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? e.target.closest("[data-testid=incoming-call] button") : null;
    if (b && /Join/.test(b.textContent || "")) mark("click");
  }, true);
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => { const s = await gum(c); mark("gum"); return s; };
  }
  const f = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const join = /\\/api\\/video\\/sessions\\/[^/]+\\/join$/.test(url);
    const onCallPage = location.pathname.startsWith("/call/");
    if (join) { mark("join-sent"); if (onCallPage) mark("call-join-sent"); }
    const r = await f(input, init);
    if (join) { mark("join-answered"); if (onCallPage) mark("call-join-answered"); }
    return r;
  };
  const Base = window.RTCPeerConnection;
  if (Base) {
    window.RTCPeerConnection = class extends Base {
      constructor(c) {
        super(c);
        mark("pc");
        this.addEventListener("connectionstatechange", () => { if (this.connectionState === "connected") mark("connected"); });
        this.addEventListener("track", () => mark("track"));
      }
      async setLocalDescription(d) { const r = await super.setLocalDescription(d); mark("local-" + (this.localDescription && this.localDescription.type)); return r; }
      async setRemoteDescription(d) { const r = await super.setRemoteDescription(d); mark("remote-" + (d && d.type)); return r; }
    };
  }
  if (window.PerformanceObserver) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.initiatorType === "script" && e.startTime > 0 && /\\.js(\\?|$)/.test(e.name) && document.readyState === "complete") {
          mark("chunk-sent", performance.timeOrigin + e.startTime);
          mark("chunk-last-done", performance.timeOrigin + e.responseEnd);
        }
        if (!/\\/call\\/[^?]+\\?_rsc=/.test(e.name)) continue;
        mark("rsc-sent", performance.timeOrigin + e.startTime);
        mark("rsc-first-byte", performance.timeOrigin + e.responseStart);
        mark("rsc-done", performance.timeOrigin + e.responseEnd);
      }
    }).observe({ type: "resource", buffered: true });
  }
  const watch = setInterval(() => {
    if (document.querySelector('[data-testid="call-stage"], [data-testid="call-ringing"]')) mark("call-page");
    const v = document.querySelector('[data-testid="remote-video"]');
    if (v && v.videoWidth > 0 && v.currentTime > 0) { mark("frame"); clearInterval(watch); }
  }, 10);
})();`;

export type Timeline = Partial<Record<Mark, number>>;

/** Each mark's time after `t0` (ms), in MARKS order; marks the page never made are left out. */
export function relative(timeline: Timeline, t0: number): Partial<Record<Mark, number>> {
  const out: Partial<Record<Mark, number>> = {};
  for (const m of MARKS) if (timeline[m] !== undefined) out[m] = timeline[m]! - t0;
  return out;
}
