import { describe, expect, it } from "vitest";
import { retryDelay } from "./use-incoming-calls";

describe("retryDelay", () => {
  const noJitter = () => 1;

  it("doubles from the poll interval after each consecutive failure", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, noJitter))).toEqual([3000, 6000, 12_000, 24_000]);
  });

  it("never waits longer than 30 s", () => {
    expect(retryDelay(5, noJitter)).toBe(30_000);
    expect(retryDelay(50, noJitter)).toBe(30_000);
  });

  it("only ever jitters downwards", () => {
    expect(retryDelay(1, () => 0)).toBe(2250);
    expect(retryDelay(10, () => 0.999)).toBeLessThanOrEqual(30_000);
  });
});
