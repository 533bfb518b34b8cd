import type { SnapshotShownValue } from "@/lib/safety/snapshot-rules";

// The report's evidence, taken in the reporter's browser at the moment they report: the frame
// the other member's <video> is showing, drawn onto a canvas. It is what the reporter saw, so
// a picture blurred on their screen is drawn with the same CSS filter, a camera turned off is
// the black frame it sends, and with no picture showing at all (not arrived yet) the snapshot is
// the stand-in the page shows; `shown` says which.

/** Longest side drawn: enough to see what happened, small enough to upload and re-encode at once. */
const MAX_SIDE = 960;
const JPEG_QUALITY = 0.85;
/** A frame this dark on average is a camera that is off (WebRTC sends black frames). */
const BLACK_LUMA = 8;

export interface CapturedFrame {
  blob: Blob;
  shown: SnapshotShownValue;
}

/** The call page's remote video, whichever transport drew it. */
export function remoteVideoElement(): HTMLVideoElement | null {
  return document.querySelector<HTMLVideoElement>('[data-testid="call-stage"] video[data-testid="remote-video"]');
}

/** A blur on the reporter's screen: a CSS filter on the video, or a `data-blurred` mark on it or a parent. */
function blurOf(video: HTMLVideoElement): string | null {
  const filter = getComputedStyle(video).filter;
  if (filter && filter !== "none") return filter;
  return video.closest('[data-blurred="true"]') ? "blur(24px)" : null;
}

/**
 * Takes the frame now, synchronously — before the call is torn down — and returns how to encode
 * it, which takes longer (a JPEG of up to 960 px) and may run once the member has left.
 */
export function grabRemoteFrame(video: HTMLVideoElement | null, opts: { pictureShowing: boolean; otherName: string }): () => Promise<CapturedFrame> {
  if (video && opts.pictureShowing && video.videoWidth > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const canvas = sized(Math.round(video.videoWidth * scale), Math.round(video.videoHeight * scale));
    const ctx = canvas.getContext("2d")!;
    const blur = blurOf(video);
    if (blur) ctx.filter = blur;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    ctx.filter = "none";
    // A camera turned off still sends (black) frames: the reporter saw black, and the snapshot says why.
    const shown: SnapshotShownValue = blur ? "blurred" : averageLuma(ctx, canvas) >= BLACK_LUMA ? "picture" : "no_picture";
    return async () => ({ blob: await jpeg(canvas), shown });
  }
  return async () => ({ blob: await jpeg(standIn(opts.otherName)), shown: "no_picture" });
}

/** The frame showing now, encoded. */
export function captureRemoteFrame(video: HTMLVideoElement | null, opts: { pictureShowing: boolean; otherName: string }): Promise<CapturedFrame> {
  return grabRemoteFrame(video, opts)();
}

function sized(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, width);
  canvas.height = Math.max(1, height);
  return canvas;
}

function averageLuma(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement): number {
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let sum = 0;
  // Every 16th pixel is plenty to tell a black frame from a picture.
  for (let i = 0; i < data.length; i += 64) sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
  return sum / (data.length / 64);
}

/** What the call page shows without a picture: the dark stage and the line under the name. */
function standIn(otherName: string): HTMLCanvasElement {
  const canvas = sized(640, 480);
  const ctx = canvas.getContext("2d")!;
  const bg = ctx.createLinearGradient(0, 0, 0, canvas.height);
  bg.addColorStop(0, "#0f172a");
  bg.addColorStop(1, "#020617");
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textAlign = "center";
  ctx.fillStyle = "#ffffff";
  ctx.font = "600 28px system-ui, sans-serif";
  ctx.fillText(otherName, canvas.width / 2, canvas.height / 2 - 10);
  ctx.fillStyle = "rgba(255,255,255,0.7)";
  ctx.font = "18px system-ui, sans-serif";
  ctx.fillText("No picture: camera off or not arrived", canvas.width / 2, canvas.height / 2 + 24);
  return canvas;
}

function jpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob && blob.size > 0 ? resolve(blob) : reject(new Error("could not encode the snapshot"))), "image/jpeg", JPEG_QUALITY),
  );
}
