import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { authOptions, GENERIC_SIGNIN_ERROR } from "@/lib/auth/options";
import { SIGN_IN_LIMITED, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";
import { createMember } from "@/test/factories";

// Counts every argon2 verification, so a test can prove a limited attempt computed none.
const argon = vi.hoisted(() => ({ runs: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => (argon.runs++, real.verifyPassword(hash, password)),
    burnVerification: (password: string) => (argon.runs++, real.burnVerification(password)),
  };
});

const PASSWORD = "correct horse battery";
const { hashPassword } = await vi.importActual<typeof import("@/lib/auth/password")>("@/lib/auth/password");
const passwordHash = await hashPassword(PASSWORD);

// next-auth's Credentials provider keeps our authorize() in `options`.
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: (c: unknown, req: unknown) => Promise<unknown> } }).options.authorize;

/** One sign-in attempt as next-auth makes it: credentials plus the request's headers. */
async function signIn(email: string, password: string, address: string): Promise<"ok" | string> {
  try {
    await authorize({ email, password }, { headers: { "x-forwarded-for": address }, method: "POST" });
    return "ok";
  } catch (err) {
    return (err as Error).message;
  }
}

async function member() {
  const m = await createMember({ name: "Sam" });
  await prisma.user.update({ where: { id: m.id }, data: { passwordHash } });
  return m;
}

let n = 0;
const address = () => `198.51.${Math.floor(Math.random() * 200)}.${++n % 250}-${randomUUID().slice(0, 8)}`;

describe("sign-in limits", () => {
  it("limit one address across many accounts (password spraying), without hashing once limited", async () => {
    const from = address();
    const { limit } = SIGN_IN_LIMITS.perAddress;
    const tries = Array.from({ length: limit }, () => signIn(`nobody-${randomUUID()}@test.meetcute`, "Summer2026!", from));
    expect(await Promise.all(tries)).toEqual(Array(limit).fill(GENERIC_SIGNIN_ERROR));

    const real = await member();
    const before = argon.runs;
    expect(await signIn(real.email, PASSWORD, from)).toBe(SIGN_IN_LIMITED);
    expect(await signIn(`nobody-${randomUUID()}@test.meetcute`, "x", from)).toBe(SIGN_IN_LIMITED);
    expect(argon.runs).toBe(before);
    // Another address is not affected.
    expect(await signIn(real.email, PASSWORD, address())).toBe("ok");
  }, 120_000); // a hundred argon2 verifications on a busy 2-core machine

  it("successful sign-ins don't use up an address's limit: many members behind one NAT can all sign in", async () => {
    const from = address();
    const { limit } = SIGN_IN_LIMITS.perAddress;
    const members = await Promise.all(Array.from({ length: limit + 5 }, () => member()));
    for (const m of members) expect(await signIn(m.email, PASSWORD, from)).toBe("ok");
    // Failures still count: spraying from that address is limited as before.
    const tries = Array.from({ length: limit }, () => signIn(`nobody-${randomUUID()}@test.meetcute`, "Summer2026!", from));
    expect(await Promise.all(tries)).toEqual(Array(limit).fill(GENERIC_SIGNIN_ERROR));
    expect(await signIn(members[0].email, PASSWORD, from)).toBe(SIGN_IN_LIMITED);
  }, 180_000);

  it("a spoofed left-most X-Forwarded-For entry does not buy a fresh bucket", async () => {
    const real = await member();
    const from = address();
    const { limit } = SIGN_IN_LIMITS.perAccountAndAddress;
    for (let i = 0; i < limit; i++) expect(await signIn(real.email, "wrong", `10.9.${i}.1, ${from}`)).toBe(GENERIC_SIGNIN_ERROR);
    expect(await signIn(real.email, PASSWORD, `10.9.99.1, ${from}`)).toBe(SIGN_IN_LIMITED);
  });

  it("a stranger guessing from one address locks out that address only, never the member's", async () => {
    const sarah = await member();
    const stranger = address();
    const { limit } = SIGN_IN_LIMITS.perAccountAndAddress;
    for (let i = 0; i < limit; i++) expect(await signIn(sarah.email, `guess-${i}`, stranger)).toBe(GENERIC_SIGNIN_ERROR);
    const before = argon.runs;
    // Limited even with the right password, and without computing a hash.
    expect(await signIn(sarah.email, PASSWORD, stranger)).toBe(SIGN_IN_LIMITED);
    expect(argon.runs).toBe(before);
    expect(await signIn(sarah.email, PASSWORD, address())).toBe("ok");
  });

  it("guessing from many addresses hits the account-wide limit, which spares addresses the member signed in from", async () => {
    const sarah = await member();
    const home = address();
    expect(await signIn(sarah.email, PASSWORD, home)).toBe("ok");

    const { limit } = SIGN_IN_LIMITS.perAccount;
    // A botnet: every guess from a different address. Sarah's own first sign-in counted once.
    const guesses = Array.from({ length: limit - 1 }, (_, i) => signIn(sarah.email, `guess-${i}`, address()));
    expect(new Set(await Promise.all(guesses))).toEqual(new Set([GENERIC_SIGNIN_ERROR]));
    const before = argon.runs;
    expect(await signIn(sarah.email, `guess-more`, address())).toBe(SIGN_IN_LIMITED);
    expect(await signIn(sarah.email, PASSWORD, address())).toBe(SIGN_IN_LIMITED);
    expect(argon.runs).toBe(before);
    // Sarah, from where she signed in before, still gets in.
    expect(await signIn(sarah.email, PASSWORD, home)).toBe("ok");
  }, 120_000);
});

describe("the sign-in's rough place (lib/auth/sign-in-place.ts)", () => {
  it("records the browser's time zone and the /24 it came from, never the full address", async () => {
    const sam = await member();
    await authorize(
      { email: sam.email, password: PASSWORD, time_zone: "Europe/Berlin" },
      { headers: { "x-forwarded-for": "203.0.113.77", "user-agent": "Mozilla/5.0 (iPhone) Safari/604.1" }, method: "POST" },
    );
    const rows = await prisma.signInSession.findMany({ where: { userId: sam.id } });
    expect(rows.map((r) => ({ timeZone: r.timeZone, network: r.network }))).toEqual([{ timeZone: "Europe/Berlin", network: "203.0.113.0/24" }]);
    expect(JSON.stringify(rows)).not.toContain("203.0.113.77");
  });

  it("a time zone that is not one is dropped, and the sign-in still goes through", async () => {
    const sam = await member();
    for (const time_zone of ["Mars/Olympus_Mons", "<b>Berlin</b>", "x".repeat(5000), 42]) {
      await authorize({ email: sam.email, password: PASSWORD, time_zone }, { headers: { "x-forwarded-for": "2001:db8:1234:5678::9" }, method: "POST" });
    }
    const rows = await prisma.signInSession.findMany({ where: { userId: sam.id } });
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.timeZone))).toEqual(new Set([null]));
    expect(new Set(rows.map((r) => r.network))).toEqual(new Set(["2001:db8:1234::/48"]));
  });
});
