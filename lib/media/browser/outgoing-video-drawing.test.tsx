import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOutgoingVideo } from "@/lib/media/browser/outgoing-video";

// The blur pipeline draws only while the call sends (a ringing caller's page drew 15 frames a
// second for nothing: main-thread tasks that Lighthouse counted as blocking). jsdom has no canvas,
// so the 2D context is a recorder and the canvas's captured track a stand-in: what is checked is
// how many frames are drawn, and when.

// Frames drawn onto the canvas the call sends (the one captured); the placeholder's own canvas,
// rendered once, is counted apart.
let paints = 0;
let placeholderRenders = 0;
const sent = new WeakSet<HTMLCanvasElement>();
function recorder(canvas: HTMLCanvasElement) {
  return new Proxy(
    {},
    {
      get: (_, prop) => {
        if (prop === "drawImage") return () => void (sent.has(canvas) && paints++);
        if (prop === "fillText") return () => void placeholderRenders++;
        if (prop === "createLinearGradient") return () => ({ addColorStop: () => undefined });
        return () => undefined;
      },
      set: () => true,
    },
  );
}

beforeEach(() => {
  paints = 0;
  placeholderRenders = 0;
  vi.useFakeTimers();
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(function (this: HTMLCanvasElement) {
    return recorder(this) as unknown as CanvasRenderingContext2D;
  });
  Object.defineProperty(HTMLCanvasElement.prototype, "captureStream", {
    configurable: true,
    value(this: HTMLCanvasElement) {
      sent.add(this);
      return { getVideoTracks: () => [{ stop: () => undefined }] };
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the blur pipeline draws only while the call sends", () => {
  it("not drawing: no frame at all, however long it waits; drawing: one at once, then one per interval; stopped again: none", () => {
    const pipeline = createOutgoingVideo(null, { blurred: true, initial: "S", fps: 10, drawing: false });
    vi.advanceTimersByTime(5_000);
    expect(paints).toBe(0);
    expect(placeholderRenders).toBe(0); // a ringing caller's page renders nothing

    pipeline.setDrawing(true);
    expect(paints).toBe(1); // the placeholder (no camera), before the first interval
    pipeline.setDrawing(true); // idempotent: one timer, not two
    vi.advanceTimersByTime(1_000);
    // 10 more frames at 10 fps; each is the placeholder here (no camera), rendered only once.
    expect(paints).toBe(11);
    expect(placeholderRenders).toBe(1);

    pipeline.setDrawing(false);
    vi.advanceTimersByTime(5_000);
    expect(paints).toBe(11);
    pipeline.stop();
  });

  it("draws from the start by default, and never again once stopped", () => {
    const pipeline = createOutgoingVideo(null, { blurred: true, initial: "S", fps: 10 });
    expect(paints).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(paints).toBe(11);
    pipeline.stop();
    const atStop = paints;
    pipeline.setDrawing(true);
    vi.advanceTimersByTime(5_000);
    expect(paints).toBe(atStop);
  });
});
