// Property-based fuzzing of the call and match lifecycle (issue 11): sequences of start-call,
// join, decline, cancel, end, check-ins, decisions, block, unmatch, report and admin force-end /
// ban from several members, with the clock moving on and pairs of requests racing. After every
// step: no 5xx, every 4xx is `{ error }` and changed nothing, and the invariants hold (see
// test/fuzz/harness.ts). FUZZ_RUNS=<n> runs longer.
import { vi } from "vitest";
import { fuzzSuite } from "@/test/fuzz/suite";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost";
});
vi.mock("next-auth", async (importOriginal) => (await import("@/test/next-mocks")).mockNextAuth(importOriginal as never));
vi.mock("next/cache", async (importOriginal) => (await import("@/test/next-mocks")).mockNextCache(importOriginal as never));
vi.mock("next/headers", async (importOriginal) => (await import("@/test/next-mocks")).mockNextHeaders(importOriginal as never));

fuzzSuite({ title: "fuzz: the lifecycle from several members", label: "lifecycle", mode: "lifecycle", defaultRuns: 10, maxCommands: 40 });
