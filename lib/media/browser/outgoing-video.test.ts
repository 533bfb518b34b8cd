import { describe, expect, it } from "vitest";
import { SlowDeviceJudge } from "./outgoing-video";

describe("SlowDeviceJudge: when blurring is too slow, the picture becomes a placeholder", () => {
  it("judges nothing before a whole window of frames", () => {
    const judge = new SlowDeviceJudge(66, 5);
    for (let i = 0; i < 4; i++) expect(judge.add(500)).toBe(false);
    expect(judge.add(500)).toBe(true);
  });

  it("a device that draws within its share of the frame interval keeps blurring", () => {
    const judge = new SlowDeviceJudge(66, 10, 0.6);
    for (let i = 0; i < 50; i++) expect(judge.add(i % 2 ? 10 : 60)).toBe(false); // mean 35 ms < 39.6 ms
  });

  it("a device slower than its share on average is judged slow, even with a few fast frames", () => {
    const judge = new SlowDeviceJudge(66, 10, 0.6);
    const verdicts = Array.from({ length: 10 }, (_, i) => judge.add(i < 2 ? 5 : 55)); // mean 45 ms > 39.6 ms
    expect(verdicts.at(-1)).toBe(true);
  });

  it("judges over the latest window only", () => {
    const judge = new SlowDeviceJudge(100, 4, 0.5);
    for (let i = 0; i < 4; i++) judge.add(200);
    for (let i = 0; i < 3; i++) judge.add(1);
    expect(judge.add(1)).toBe(false);
  });
});
