import { describe, expect, it } from "vitest";
import { lazy } from "@/lib/lazy";

describe("lazy", () => {
  it("builds on the first call only, and keeps what it built (undefined included)", () => {
    let builds = 0;
    const value = lazy(() => {
      builds++;
      return builds === 1 ? undefined : "again";
    });
    expect(builds).toBe(0);
    expect(value()).toBeUndefined();
    expect(value()).toBeUndefined();
    expect(builds).toBe(1);
  });
});
