// Property-based fuzzing of the call and match lifecycle (issue 11): sequences of start-call,
// join, decline, cancel, end, check-ins, decisions, block, unmatch, report and admin force-end /
// ban from several members, with the clock moving on and pairs of requests racing. After every
// step: no 5xx, every 4xx is `{ error }` and changed nothing, and the invariants hold (see
// test/fuzz/harness.ts). FUZZ_RUNS=<n> runs longer.
import fc from "fast-check";
import { afterAll, beforeAll, describe, it, vi } from "vitest";
import { stopListener } from "@/lib/events/listener";
import { clock } from "@/test/fuzz/harness";
import { newStats, startRun, stepArb, StepCommand, summary } from "@/test/fuzz/steps";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost";
});
vi.mock("next-auth", async (importOriginal) => (await import("@/test/fuzz/mocks")).mockNextAuth(importOriginal as never));
vi.mock("next/cache", async (importOriginal) => (await import("@/test/fuzz/mocks")).mockNextCache(importOriginal as never));

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const stats = newStats();
let restoreClock: () => void;
beforeAll(() => {
  restoreClock = clock.install();
});
afterAll(async () => {
  restoreClock();
  // A fuzzed GET /api/events starts the database listener; it must not outlive this file's database.
  await stopListener();
});

describe("fuzz: the lifecycle from several members", () => {
  it(
    "never answers 5xx, refuses without changing anything, and keeps every invariant",
    async () => {
      let failures = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.commands([stepArb("lifecycle").map((s) => new StepCommand(s))], { maxCommands: 40, size: "max" }), async (commands) => {
            const run = await startRun(stats);
            await fc.asyncModelRun(() => ({ model: {}, real: run }), commands);
          }),
          { numRuns: RUNS },
        );
      } catch (err) {
        failures = 1;
        throw err;
      } finally {
        console.log(summary("lifecycle", stats, failures));
      }
    },
    Math.max(180_000, RUNS * 15_000),
  );
});
