import { beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { POST } from "./route";

function validBody(overrides: Record<string, unknown> = {}) {
  return {
    email: `new-${randomUUID()}@test.meetcute`,
    password: "correct horse battery",
    displayName: "Robin",
    birthDate: "1996-02-29",
    gender: "woman",
    interestedIn: ["man", "woman"],
    city: "Lisbon",
    ...overrides,
  };
}

function yearsAgo(years: number, plusDays = 0) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().slice(0, 10);
}

// Each test signs up from its own address, so their per-address limits never meet.
let from = "";
beforeEach(() => {
  from = `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
});

async function signUp(body: unknown, headers: Record<string, string> = { "x-forwarded-for": from }) {
  return call(POST, "POST", { body, path: "/api/signup", headers });
}

async function expectRejected(body: Record<string, unknown>, message: RegExp, { emailIsNew = true } = {}) {
  const before = await prisma.user.count();
  const res = await signUp(body);
  expect(res.status).toBe(400);
  expect(res.json.error).toMatch(message);
  expect(await prisma.user.count()).toBe(before);
  if (emailIsNew && typeof body.email === "string") {
    expect(await prisma.user.findUnique({ where: { email: body.email.toLowerCase() } })).toBeNull();
  }
}

describe("POST /api/signup", () => {

  it("creates a member with a hashed password and a profile", async () => {
    const body = validBody({ email: `Mixed-${randomUUID()}@Test.Meetcute` });
    const res = await signUp(body);
    expect(res.status).toBe(201);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: body.email.toLowerCase() }, include: { profile: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.role).toBe("member");
    expect(user.profile).toMatchObject({ displayName: "Robin", city: "Lisbon", gender: "woman" });
  });

  it("refuses members under 18, including the day before the 18th birthday", async () => {
    await expectRejected(validBody({ birthDate: yearsAgo(17) }), /18 or older/);
    await expectRejected(validBody({ birthDate: yearsAgo(18, 1) }), /18 or older/);
    expect((await signUp(validBody({ birthDate: yearsAgo(18) }))).status).toBe(201);
  });

  it("refuses a malformed email", async () => {
    for (const email of ["not-an-email", "a@", "@b.com", "two@@at.com", ""]) {
      await expectRejected(validBody({ email }), /email/i);
    }
  });

  it("refuses a duplicate email, whatever its case, without a second row", async () => {
    const body = validBody();
    expect((await signUp(body)).status).toBe(201);
    await expectRejected({ ...validBody(), email: body.email.toUpperCase() }, /already exists/, { emailIsNew: false });
    expect(await prisma.user.count({ where: { email: body.email } })).toBe(1);
  });

  it("refuses over-long fields", async () => {
    await expectRejected(validBody({ displayName: "x".repeat(51) }), /Name must be at most 50/);
    await expectRejected(validBody({ city: "x".repeat(81) }), /City must be at most 80/);
    await expectRejected(validBody({ password: "x".repeat(201) }), /Password must be at most 200/);
    await expectRejected(validBody({ email: `${"x".repeat(250)}@test.meetcute` }), /Email is too long/);
  });

  it("refuses missing, wrong-typed, unknown and malformed input", async () => {
    await expectRejected(validBody({ gender: "robot" }), /gender/i);
    await expectRejected(validBody({ interestedIn: [] }), /who you want to meet/);
    await expectRejected(validBody({ birthDate: "29/02/1996" }), /Birth date/);
    await expectRejected(validBody({ password: "short" }), /at least 8/);
    await expectRejected(validBody({ role: "admin" }), /Unrecognized key/i);
    const before = await prisma.user.count();
    const bad = await call(POST, "POST", { rawBody: "{not json", path: "/api/signup", headers: { "x-forwarded-for": from } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/Malformed JSON/);
    const huge = await call(POST, "POST", { rawBody: JSON.stringify(validBody({ bio: "x".repeat(20_000) })), path: "/api/signup", headers: { "x-forwarded-for": from } });
    expect(huge.status).toBe(413);
    expect(await prisma.user.count()).toBe(before);
  });

  it("limits sign-ups per client address; spoofed left-most X-Forwarded-For entries share the real address's bucket", async () => {
    const spoofed = (i: number) => ({ "x-forwarded-for": `10.${i}.0.1, 172.16.${i}.9, ${from}` });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp(validBody(), spoofed(i))));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const before = await prisma.user.count();
    const refused = await signUp(validBody(), spoofed(99));
    expect(refused.status).toBe(429);
    expect(refused.json.error).toEqual(expect.any(String));
    expect(await prisma.user.count()).toBe(before);
    // Another address is not affected.
    expect((await signUp(validBody(), { "x-forwarded-for": `10.0.0.1, 192.0.2.77-${randomUUID()}` })).status).toBe(201);
  });
});
