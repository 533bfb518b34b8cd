import { describe, expect, it } from "vitest";
import { levelOf, smoothLevel } from "@/lib/media/browser/mic-level";

describe("mic level", () => {
  it("is zero for silence and rises with loudness, at most 1", () => {
    expect(levelOf(new Float32Array(256))).toBe(0);
    const quiet = levelOf(new Float32Array(256).fill(0.01));
    const speech = levelOf(new Float32Array(256).fill(0.1));
    expect(quiet).toBeGreaterThan(0);
    expect(speech).toBeGreaterThan(quiet);
    expect(levelOf(new Float32Array(256).fill(1))).toBe(1);
  });

  it("jumps up at once and falls back slowly", () => {
    expect(smoothLevel(0.1, 0.8, 50)).toBe(0.8);
    expect(smoothLevel(0.8, 0, 50)).toBeCloseTo(0.74);
    expect(smoothLevel(0.8, 0, 2_000)).toBe(0);
  });
});
