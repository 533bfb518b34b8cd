import { beforeEach, describe, expect, it } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { call } from "@/test/http";
import { mailsTo, nextMail } from "@/test/smtp";
import { settleBackgroundEffects } from "@/lib/db/transaction";
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

  it("creates a member with a hashed password and a profile, unconfirmed, and mails a confirmation link", async () => {
    const body = validBody({ email: `Mixed-${randomUUID()}@Test.Meetcute` });
    const res = await signUp(body);
    expect(res).toEqual({ status: 202, json: { ok: true, message: expect.stringMatching(/Check your inbox/) } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: body.email.toLowerCase() }, include: { profile: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.role).toBe("member");
    expect(user.profile).toMatchObject({ displayName: "Robin", city: "Lisbon", gender: "woman" });
    expect(user.emailVerifiedAt).toBeNull();

    // The real message, from the real SMTP listener: plain and HTML parts, one link.
    const mail = await nextMail(user.email);
    expect(mail.subject).toBe("Confirm your email for Meetcute");
    expect(mail.text).toMatch(/Hi Robin,/);
    expect(mail.html).toMatch(/Confirm my email/);
    const token = new URL(mail.link("/verify-email")).searchParams.get("token")!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored as its sha256 only.
    const stored = await prisma.accountToken.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: "verify_email", tokenHash: createHash("sha256").update(token).digest("hex"), usedAt: null });
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(24 * 3600_000);
  });

  it("refuses members under 18, including the day before the 18th birthday", async () => {
    await expectRejected(validBody({ birthDate: yearsAgo(17) }), /18 or older/);
    await expectRejected(validBody({ birthDate: yearsAgo(18, 1) }), /18 or older/);
    expect((await signUp(validBody({ birthDate: yearsAgo(18) }))).status).toBe(202);
  });

  it("refuses a malformed email", async () => {
    for (const email of ["not-an-email", "a@", "@b.com", "two@@at.com", ""]) {
      await expectRejected(validBody({ email }), /email/i);
    }
  });

  it("answers a registered email exactly as a new one, and mails it 'you already have an account' instead", async () => {
    const body = validBody();
    const first = await signUp(body);
    const mine = await prisma.user.findUniqueOrThrow({ where: { email: body.email } });
    await nextMail(body.email);
    const before = await prisma.user.findUniqueOrThrow({ where: { email: body.email }, include: { profile: true } });

    const again = await signUp({ ...validBody(), email: body.email.toUpperCase(), password: "someone else's password", displayName: "Mallory" });
    expect(again).toEqual(first);
    expect(await prisma.user.count({ where: { email: body.email } })).toBe(1);
    // Nothing about the account changed: not the password, not the profile.
    expect(await prisma.user.findUniqueOrThrow({ where: { email: body.email }, include: { profile: true } })).toEqual(before);
    const mail = await nextMail(body.email);
    expect(mail.subject).toBe("You already have a Meetcute account");
    expect(mail.text).toMatch(/already have one/);
    expect(mail.link("/forgot-password")).toMatch(/\/forgot-password$/);
    expect(mail.html).toMatch(/Reset my password/);
    expect(mailsTo(body.email)).toHaveLength(2);
    expect(await prisma.accountToken.count({ where: { userId: mine.id } })).toBe(1);
  });

  it("sends a registered address at most 3 'already have an account' mails an hour, answering the same", async () => {
    const body = validBody();
    await signUp(body);
    for (let i = 0; i < 5; i++) expect((await signUp(body)).status).toBe(202);
    await settleBackgroundEffects();
    expect(mailsTo(body.email).filter((m) => m.subject.includes("already"))).toHaveLength(3);
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
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(202));
    const before = await prisma.user.count();
    const refused = await signUp(validBody(), spoofed(99));
    expect(refused.status).toBe(429);
    expect(refused.json.error).toEqual(expect.any(String));
    expect(await prisma.user.count()).toBe(before);
    // Another address is not affected.
    expect((await signUp(validBody(), { "x-forwarded-for": `10.0.0.1, 192.0.2.77-${randomUUID()}` })).status).toBe(202);
  });
});
