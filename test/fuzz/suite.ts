// The one fuzz property both fuzz files run (app/api/fuzz-*.integration.test.ts): fast-check command
// sequences of steps in one mode, each run from a fresh seeded world, with the fake clock
// installed for the file and the counts printed at the end. The files keep their own `vi.mock`s
// (hoisted per file).
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { stopListener } from "@/lib/events/listener";
import { clock } from "@/test/fuzz/harness";
import { newStats, startRun, stepArb, StepCommand, summary, type Mode } from "@/test/fuzz/steps";

export function fuzzSuite(o: { title: string; label: string; mode: Mode; defaultRuns: number; maxCommands: number }) {
  const runs = Number(process.env.FUZZ_RUNS ?? o.defaultRuns);
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

  describe(o.title, () => {
    it(
      "never answers 5xx, refuses without changing anything, and keeps every invariant",
      async () => {
        let failures = 0;
        try {
          await fc.assert(
            fc.asyncProperty(fc.commands([stepArb(o.mode).map((s) => new StepCommand(s))], { maxCommands: o.maxCommands, size: "max" }), async (commands) => {
              const run = await startRun(stats);
              await fc.asyncModelRun(() => ({ model: {}, real: run }), commands);
            }),
            // FUZZ_SEED (and FUZZ_PATH) replay a failure printed by fast-check.
            { numRuns: runs, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}) },
          );
        } catch (err) {
          failures = 1;
          throw err;
        } finally {
          console.log(summary(o.label, stats, failures));
        }
      },
      Math.max(180_000, runs * 15_000),
    );
  });
}
