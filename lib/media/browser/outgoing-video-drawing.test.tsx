import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOutgoingVideo } from "@/lib/media/browser/outgoing-video";

// The blur pipeline draws only while the call sends (a ringing caller's page drew 15 frames a
// second for nothing: main-thread tasks that Lighthouse counted as blocking). jsdom has no canvas,
// so the 2D context is a recorder and the canvas's captured track a stand-in: what is checked is
// how many frames are drawn, and when.

let paints = 0;
const fakeContext = new Proxy(
  {},
  {
    get: (_, prop) => {
      if (prop === "fillRect" || prop === "drawImage") return () => void paints++;
      if (prop === "createLinearGradient") return () => ({ addColorStop: () => undefined });
      return () => undefined;
    },
    set: () => true,
  },
);

beforeEach(() => {
  paints = 0;
  vi.useFakeTimers();
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(() => fakeContext as unknown as CanvasRenderingContext2D);
  Object.defineProperty(HTMLCanvasElement.prototype, "captureStream", {
    configurable: true,
    value: () => ({ getVideoTracks: () => [{ stop: () => undefined }] }),
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the blur pipeline draws only while the call sends", () => {
  it("not drawing: only the first placeholder frame, however long it waits; drawing: one frame per interval; stopped again: none", () => {
    const pipeline = createOutgoingVideo(null, { blurred: true, initial: "S", fps: 10, drawing: false });
    const first = paints;
    expect(first).toBeGreaterThan(0); // the placeholder, before any camera frame
    vi.advanceTimersByTime(5_000);
    expect(paints).toBe(first);

    pipeline.setDrawing(true);
    pipeline.setDrawing(true); // idempotent: one timer, not two
    vi.advanceTimersByTime(1_000);
    const drawn = paints - first;
    // 10 frames at 10 fps; each is the placeholder here (no camera), one fillRect apiece.
    expect(drawn).toBe(10);

    pipeline.setDrawing(false);
    vi.advanceTimersByTime(5_000);
    expect(paints - first).toBe(drawn);
    pipeline.stop();
  });

  it("draws from the start by default, and never again once stopped", () => {
    const pipeline = createOutgoingVideo(null, { blurred: true, initial: "S", fps: 10 });
    vi.advanceTimersByTime(1_000);
    expect(paints).toBeGreaterThanOrEqual(10);
    pipeline.stop();
    const atStop = paints;
    pipeline.setDrawing(true);
    vi.advanceTimersByTime(5_000);
    expect(paints).toBe(atStop);
  });
});
