// Property-based fuzzing of every JSON endpoint and server action (issue 11): random callers
// (members, other members, strangers, banned, signed out, forged sessions, admin), random ids
// (existing, others', non-existent, malformed) and random bodies (valid-shaped, one field
// replaced by junk, extra fields, wrong types, NULs, lone surrogates, huge strings, deep
// nesting, malformed JSON, wrong content types, cross-site headers). After every step: no 5xx,
// every 4xx is `{ error }` and changed nothing, and the invariants hold (test/fuzz/harness.ts).
// FUZZ_RUNS=<n> runs longer.
import { vi } from "vitest";
import { fuzzSuite } from "@/test/fuzz/suite";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL ??= "http://localhost";
});
vi.mock("next-auth", async (importOriginal) => (await import("@/test/next-mocks")).mockNextAuth(importOriginal as never));
vi.mock("next/cache", async (importOriginal) => (await import("@/test/next-mocks")).mockNextCache(importOriginal as never));
vi.mock("next/headers", async (importOriginal) => (await import("@/test/next-mocks")).mockNextHeaders(importOriginal as never));

fuzzSuite({ title: "fuzz: every endpoint and server action with random input", label: "requests", mode: "garbage", defaultRuns: 20, maxCommands: 30 });
