import { afterEach, describe, expect, it, vi } from "vitest";
import { swapProcessState } from "@/lib/server/process-singleton";

// Each test loads lib/server/shutdown.ts with a registry of its own: a drain happens once per process.
let saved: ReturnType<typeof swapProcessState> | undefined;
async function freshShutdown() {
  saved = swapProcessState();
  vi.resetModules();
  return import("@/lib/server/shutdown");
}
afterEach(() => {
  if (saved) swapProcessState(saved);
  saved = undefined;
  vi.useRealTimers();
});

describe("holdExitUntilDrained", () => {
  it("lets Next.js's exit happen only once every drain step has run, with the code it asked for", async () => {
    const { holdExitUntilDrained, onDrain } = await freshShutdown();
    let finishRelease!: () => void;
    const steps: string[] = [];
    onDrain("close event streams", () => void steps.push("streams"));
    onDrain("release call presence", () => new Promise<void>((r) => (finishRelease = () => (steps.push("presence"), r()))));
    const exits: (number | string | null | undefined)[] = [];
    const proc = { exit: ((code?: number) => void exits.push(code)) as NodeJS.Process["exit"] };

    holdExitUntilDrained(proc);
    proc.exit(143); // what `next start` does once its HTTP server closed
    await vi.waitFor(() => expect(steps).toEqual(["streams"]));
    expect(exits).toEqual([]);
    finishRelease();
    await vi.waitFor(() => expect(exits).toEqual([143]));
    expect(steps).toEqual(["streams", "presence"]);
    proc.exit(143);
    expect(exits).toEqual([143]);
  });

  it("exits anyway at the limit when a step never finishes", async () => {
    vi.useFakeTimers();
    const { holdExitUntilDrained, onDrain, DRAIN_EXIT_LIMIT_MS } = await freshShutdown();
    onDrain("stuck", () => new Promise<void>(() => {}));
    const exits: (number | string | null | undefined)[] = [];
    const proc = { exit: ((code?: number) => void exits.push(code)) as NodeJS.Process["exit"] };
    holdExitUntilDrained(proc);
    proc.exit(130);
    await vi.advanceTimersByTimeAsync(DRAIN_EXIT_LIMIT_MS - 1);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([130]);
  });
});
