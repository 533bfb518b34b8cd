import { afterEach, describe, expect, it, vi } from "vitest";

/** lib/env with a fresh cache, under the given variables. */
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return import("@/lib/env");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("env() in production", () => {
  const base = { NODE_ENV: "production", NEXT_PHASE: undefined, NEXTAUTH_SECRET: "a-production-secret-0123456789", ALLOW_INSECURE_LOCALHOST: undefined, SMTP_URL: "smtp://mail.example:587" };

  it("refuses to start without SMTP_URL (no confirmation or reset mail could be sent)", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: "https://meetcute.example", SMTP_URL: undefined });
    expect(() => env()).toThrow(/SMTP_URL must be set/);
  });

  it("refuses an SMTP_URL that is not smtp:// or smtps://", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: "https://meetcute.example", SMTP_URL: "http://mail.example" });
    expect(() => env()).toThrow(/SMTP_URL/);
  });

  it("refuses to start without NEXTAUTH_URL", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: undefined });
    expect(() => env()).toThrow(/NEXTAUTH_URL must be set/);
  });

  it("refuses a plain-HTTP NEXTAUTH_URL (the session cookie would not be Secure)", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: "http://meetcute.example" });
    expect(() => env()).toThrow(/https:\/\//);
  });

  it("starts with an https:// URL", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: "https://meetcute.example" });
    expect(env().NEXTAUTH_URL).toBe("https://meetcute.example");
  });

  it("does not ask for it during `next build`", async () => {
    const { env } = await loadEnv({ ...base, NEXTAUTH_URL: undefined, NEXT_PHASE: "phase-production-build" });
    expect(() => env()).not.toThrow();
  });
});

describe("NEXTAUTH_URL rule", async () => {
  const { nextAuthUrlProblem } = await import("@/lib/env");
  const prod = { NODE_ENV: "production" as const, building: false };
  // [environment, problem or null]
  const cases: [Parameters<typeof nextAuthUrlProblem>[0], RegExp | null][] = [
    [{ ...prod, NEXTAUTH_URL: "https://meetcute.example" }, null],
    [{ ...prod, NEXTAUTH_URL: "https://meetcute.example:8443/" }, null],
    [{ ...prod, NEXTAUTH_URL: undefined }, /must be set/],
    [{ ...prod, NEXTAUTH_URL: "" }, /must be set/],
    [{ ...prod, NEXTAUTH_URL: "meetcute.example" }, /https:\/\//],
    [{ ...prod, NEXTAUTH_URL: "http://meetcute.example" }, /https:\/\//],
    [{ ...prod, NEXTAUTH_URL: "ftp://meetcute.example" }, /https:\/\//],
    // Plain-HTTP localhost only with the explicit opt-in (the journeys' `next start`).
    [{ ...prod, NEXTAUTH_URL: "http://localhost:3100" }, /ALLOW_INSECURE_LOCALHOST/],
    [{ ...prod, NEXTAUTH_URL: "http://localhost:3100", ALLOW_INSECURE_LOCALHOST: "1" }, null],
    [{ ...prod, NEXTAUTH_URL: "http://127.0.0.1:3100", ALLOW_INSECURE_LOCALHOST: "1" }, null],
    [{ ...prod, NEXTAUTH_URL: "http://[::1]:3100", ALLOW_INSECURE_LOCALHOST: "1" }, null],
    [{ ...prod, NEXTAUTH_URL: "http://localhost:3100", ALLOW_INSECURE_LOCALHOST: "true" }, /ALLOW_INSECURE_LOCALHOST/],
    // The opt-in never covers a real host.
    [{ ...prod, NEXTAUTH_URL: "http://meetcute.example", ALLOW_INSECURE_LOCALHOST: "1" }, /https:\/\//],
    [{ ...prod, NEXTAUTH_URL: "http://localhost.evil.example", ALLOW_INSECURE_LOCALHOST: "1" }, /https:\/\//],
    // `next build` runs in production mode but serves nothing.
    [{ ...prod, building: true, NEXTAUTH_URL: undefined }, null],
    [{ NODE_ENV: "development", building: false, NEXTAUTH_URL: undefined }, null],
    [{ NODE_ENV: "test", building: false, NEXTAUTH_URL: "http://localhost" }, null],
  ];
  it.each(cases)("%j", (input, problem) => {
    const found = nextAuthUrlProblem(input);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeNull();
  });
});
