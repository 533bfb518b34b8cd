// Property-based fuzzing of every JSON endpoint and server action (issue 11): random callers
// (members, other members, strangers, banned, signed out, forged sessions, admin), random ids
// (existing, others', non-existent, malformed) and random bodies (valid-shaped, one field
// replaced by junk, extra fields, wrong types, NULs, lone surrogates, huge strings, deep
// nesting, malformed JSON, wrong content types, cross-site headers). After every step: no 5xx,
// every 4xx is `{ error }` and changed nothing, and the invariants hold (test/fuzz/harness.ts).
// FUZZ_RUNS=<n> runs longer.
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

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
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

describe("fuzz: every endpoint and server action with random input", () => {
  it(
    "never answers 5xx, refuses without changing anything, and keeps every invariant",
    async () => {
      let failures = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.commands([stepArb("garbage").map((s) => new StepCommand(s))], { maxCommands: 30, size: "max" }), async (commands) => {
            const run = await startRun(stats);
            await fc.asyncModelRun(() => ({ model: {}, real: run }), commands);
          }),
          { numRuns: RUNS },
        );
      } catch (err) {
        failures = 1;
        throw err;
      } finally {
        console.log(summary("requests", stats, failures));
      }
    },
    Math.max(180_000, RUNS * 15_000),
  );
});
