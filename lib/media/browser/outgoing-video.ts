// Blur until I reveal: the picture a member sends in a first call, made in their own browser, so
// the other browser never receives a clear frame before they reveal. The camera track plays into
// a hidden <video>; every frame is drawn onto a canvas whose captured track is what the call
// sends. Blurred, a frame is first shrunk to a few dozen pixels across and then stretched back
// with smoothing: nothing finer than a face's outline survives, it costs two drawImage calls, and
// it works in every browser (Safari's canvas has no `filter`). Revealed, the frame is drawn as
// is. On a device too slow to keep up, the canvas shows a placeholder with the member's initial
// instead (camera off), never the clear picture. Audio never passes through here.

export type OutgoingMode = "blurred" | "clear" | "placeholder";

export interface OutgoingVideo {
  /** The track to send: the canvas's, from the first frame on. */
  readonly track: MediaStreamTrack;
  readonly mode: OutgoingMode;
  /** A new camera track (the member switched cameras): the canvas keeps its track. */
  setSource(track: MediaStreamTrack | null): void;
  /** From now on the picture is sent clear. */
  reveal(): void;
  /**
   * Whether frames are drawn. Off while nothing is sent (the caller's page while it rings): each
   * draw is a main-thread task, 15 a second, that a ringing page would pay for nothing. The
   * canvas keeps its last frame (none before drawing first starts: turning it on draws one at
   * once), never a clear one unless the member revealed.
   */
  setDrawing(on: boolean): void;
  stop(): void;
}

export interface OutgoingVideoOptions {
  /** Start blurred (the member's first-call setting); false sends the clear picture. */
  blurred: boolean;
  /** The member's initial, for the placeholder. */
  initial: string;
  fps?: number;
  /** Told when the mode changes (e.g. to "placeholder" on a slow device). */
  onMode?: (mode: OutgoingMode) => void;
  /** Draw from the start (default true); see setDrawing. */
  drawing?: boolean;
}

/** How far a frame is shrunk before it is stretched back: pixels across. */
export const BLUR_WIDTH_PX = 24;

/**
 * Whether the device is too slow to blur: judged over a window of frames, from how long drawing
 * one took against the frame interval. Pure, for tests.
 */
export class SlowDeviceJudge {
  private samples: number[] = [];
  constructor(
    private readonly frameMs: number,
    private readonly window = 30,
    /** Share of the frame interval a draw may take on average. */
    private readonly budget = 0.6,
  ) {}
  /** Adds one frame's draw time (ms); true once the device is judged too slow. */
  add(drawMs: number): boolean {
    this.samples.push(drawMs);
    if (this.samples.length > this.window) this.samples.shift();
    if (this.samples.length < this.window) return false;
    const mean = this.samples.reduce((a, b) => a + b, 0) / this.samples.length;
    return mean > this.frameMs * this.budget;
  }
}

export function createOutgoingVideo(source: MediaStreamTrack | null, options: OutgoingVideoOptions): OutgoingVideo {
  const fps = options.fps ?? 15;
  const settings = source?.getSettings() ?? {};
  const width = settings.width ?? 640;
  const height = settings.height ?? 480;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d", { alpha: false })!;
  const small = document.createElement("canvas");
  small.width = BLUR_WIDTH_PX;
  small.height = Math.max(1, Math.round((BLUR_WIDTH_PX * height) / width));
  const smallCtx = small.getContext("2d", { alpha: false })!;
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;

  let mode: OutgoingMode = options.blurred ? "blurred" : "clear";
  let current: MediaStreamTrack | null = null;
  const judge = new SlowDeviceJudge(1000 / fps);

  const setMode = (next: OutgoingMode) => {
    if (next === mode) return;
    mode = next;
    options.onMode?.(mode);
  };

  // The placeholder is rendered once, into a canvas of its own, and copied onto the sent canvas
  // each time it is needed: its gradient and large glyph cost ~40 ms of main thread at 4× CPU,
  // once per page rather than once per frame while the camera starts.
  let placeholder: HTMLCanvasElement | null = null;
  const drawPlaceholder = () => {
    if (!placeholder) {
      placeholder = document.createElement("canvas");
      placeholder.width = width;
      placeholder.height = height;
      const p = placeholder.getContext("2d", { alpha: false })!;
      const g = p.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, "#ec4899");
      g.addColorStop(1, "#8b5cf6");
      p.fillStyle = g;
      p.fillRect(0, 0, width, height);
      p.fillStyle = "#ffffff";
      p.font = `600 ${Math.round(height / 3)}px system-ui, sans-serif`;
      p.textAlign = "center";
      p.textBaseline = "middle";
      p.fillText(options.initial.slice(0, 1).toUpperCase() || "?", width / 2, height / 2);
    }
    ctx.drawImage(placeholder, 0, 0);
  };

  const draw = () => {
    // No camera frame yet (or the camera is gone): the placeholder, never an empty clear frame.
    if (mode === "placeholder" || video.readyState < 2 || !current || current.readyState !== "live") return drawPlaceholder();
    if (mode === "clear") return ctx.drawImage(video, 0, 0, width, height);
    const started = performance.now();
    smallCtx.imageSmoothingEnabled = true;
    smallCtx.imageSmoothingQuality = "high";
    smallCtx.drawImage(video, 0, 0, small.width, small.height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(small, 0, 0, width, height);
    if (judge.add(performance.now() - started)) setMode("placeholder");
  };

  const setSource = (track: MediaStreamTrack | null) => {
    current = track;
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) void video.play().catch(() => undefined);
  };

  const out = canvas.captureStream(fps).getVideoTracks()[0];
  setSource(source);
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const setDrawing = (on: boolean) => {
    if (on && !timer && !stopped) {
      // A frame at once, before the first interval: the first frame sent is the placeholder (no
      // camera frame yet) or the blurred picture, never the canvas's empty start. Nothing is
      // drawn before this: a ringing caller's page, which sends nothing, pays for no frame.
      draw();
      timer = setInterval(draw, 1000 / fps);
    }
    if (!on && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  setDrawing(options.drawing ?? true);

  return {
    track: out,
    get mode() {
      return mode;
    },
    setSource,
    reveal() {
      setMode("clear");
    },
    setDrawing,
    stop() {
      setDrawing(false);
      stopped = true;
      out.stop();
      video.srcObject = null;
    },
  };
}
