// Session cookies are Secure exactly when the site is https. authOptions says so explicitly
// (next-auth's own default agrees) rather than leaving it to next-auth's request-time detection;
// production refuses to start without an https NEXTAUTH_URL (lib/env.ts). HttpOnly and
// SameSite=Lax, and the http://localhost case, are asserted on real cookies in
// e2e/security.spec.ts.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function optionsWith(nextAuthUrl: string | undefined) {
  vi.stubEnv("NEXTAUTH_URL", nextAuthUrl);
  vi.resetModules();
  return (await import("@/lib/auth/options")).authOptions;
}

describe("session cookies", () => {
  it("are Secure when NEXTAUTH_URL is https", async () => {
    expect((await optionsWith("https://meetcute.example")).useSecureCookies).toBe(true);
  });

  it.each([["http://localhost:3000"], [undefined]])("are not Secure for %s (development, the journeys)", async (url) => {
    expect((await optionsWith(url)).useSecureCookies).toBe(false);
  });
});
