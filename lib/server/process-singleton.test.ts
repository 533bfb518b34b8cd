import { afterEach, describe, expect, it } from "vitest";
import { processSingleton, renewProcessState, swapProcessState } from "@/lib/server/process-singleton";

describe("processSingleton", () => {
  let saved: ReturnType<typeof swapProcessState> | undefined;
  afterEach(() => {
    if (saved) swapProcessState(saved);
    saved = undefined;
  });

  it("creates a state once per process, whichever copy of a module asks", async () => {
    saved = swapProcessState();
    let made = 0;
    const a = processSingleton("shutdown", () => ({ n: ++made }));
    // Another copy of the module, as Next.js compiles one per layer: same registry, same state.
    const copy = (await import(`@/lib/server/process-singleton?copy=${Date.now()}`)) as typeof import("@/lib/server/process-singleton");
    const b = copy.processSingleton("shutdown", () => ({ n: ++made }));
    expect(b).toBe(a);
    expect(made).toBe(1);
  });

  it("swapProcessState gives modules loaded meanwhile their own state, and puts the first back", () => {
    saved = swapProcessState();
    const first = processSingleton("presence", () => ({ id: "first" }));
    const previous = swapProcessState();
    const second = processSingleton("presence", () => ({ id: "second" }));
    swapProcessState(previous);
    expect(second).not.toBe(first);
    expect(processSingleton("presence", () => ({ id: "third" }))).toBe(first);
  });

  it("renewProcessState gives a state its first values again, in place, where its holders see them", () => {
    saved = swapProcessState();
    let made = 0;
    const state = processSingleton<{ id: number; seen: Map<string, number>; done?: boolean }>("presence", () => ({ id: ++made, seen: new Map([["a", 1]]) }));
    state.seen.set("b", 2);
    state.done = true;
    renewProcessState("presence");
    expect(state.done).toBeUndefined();
    expect(processSingleton("presence", () => ({ id: -1, seen: new Map() }))).toBe(state);
    expect(state.id).toBe(2);
    expect([...state.seen.keys()]).toEqual(["a"]);
  });
});
