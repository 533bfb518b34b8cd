// The account routes on a real PostgreSQL, with the real SMTP listener (test/smtp.ts): password
// reset by a mailed single-use link, password change, "sign out everywhere", and confirming an
// email — and what an unconfirmed member may not do (be matched, call).
import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { settleBackgroundEffects } from "@/lib/db/transaction";
import { call, signInSession } from "@/test/http";
import { api } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { mailsTo, nextMail } from "@/test/smtp";
import * as reset from "@/app/api/account/password-reset/route";
import * as resetConfirm from "@/app/api/account/password-reset/confirm/route";
import * as password from "@/app/api/account/password/route";
import * as everywhere from "@/app/api/account/sign-out-everywhere/route";
import * as confirmEmail from "@/app/api/account/confirm-email/route";
import * as resend from "@/app/api/account/confirm-email/resend/route";

const OLD = "old password 123";
const NEW = "brand new password 456";

async function member(opts: Parameters<typeof createMember>[0] = {}) {
  const m = await createMember({ name: "Robin", ...opts });
  await prisma.user.update({ where: { id: m.id }, data: { passwordHash: await hashPassword(OLD) } });
  return m;
}

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
const requestReset = (email: unknown, from = address()) => call(reset.POST, "POST", { body: { email }, headers: { "x-forwarded-for": from } });
const confirmReset = (body: unknown) => call(resetConfirm.POST, "POST", { body });
/** A signed-in browser of the member: its session id, and a way to ask whether it is still signed in. */
async function browser(m: { id: number }) {
  const sessionId = await signInSession(m.id);
  return { sessionId, signedIn: async () => (await call((await import("@/app/api/matches/route")).GET, "GET", { as: m, sessionId })).status };
}

describe("POST /api/account/password-reset", () => {
  it("answers 202 { ok: true } for a member and for an unknown email alike; only the member gets a mail", async () => {
    const robin = await member();
    const unknown = `nobody-${randomUUID()}@test.meetcute`;
    const a = await requestReset(robin.email.toUpperCase());
    const b = await requestReset(unknown);
    expect(a).toEqual({ status: 202, json: { ok: true } });
    expect(b).toEqual(a);
    const mail = await nextMail(robin.email);
    expect(mail.subject).toBe("Reset your Meetcute password");
    expect(mail.html).toMatch(/Choose a new password/);
    await settleBackgroundEffects();
    expect(mailsTo(unknown)).toHaveLength(0);
    // Stored hashed, with a 30-minute life.
    const token = new URL(mail.link("/reset-password")).searchParams.get("token")!;
    const row = await prisma.accountToken.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
    expect(row).toMatchObject({ userId: robin.id, purpose: "password_reset", usedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(30 * 60_000);
  });

  it("is limited per client address (429) and per email (answered the same, no more mails)", async () => {
    const robin = await member();
    for (let i = 0; i < 5; i++) expect((await requestReset(robin.email)).status).toBe(202);
    await settleBackgroundEffects();
    expect(mailsTo(robin.email)).toHaveLength(3);

    const from = address();
    for (let i = 0; i < 20; i++) expect((await requestReset(`x-${i}-${randomUUID()}@test.meetcute`, from)).status).toBe(202);
    const limited = await requestReset(robin.email, from);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: expect.any(String) });
  });

  it("refuses malformed input with 400 { error }", async () => {
    for (const body of [{}, { email: "not-an-email" }, { email: "a@b.co", extra: 1 }, { email: 42 }]) {
      const res = await call(reset.POST, "POST", { body, headers: { "x-forwarded-for": address() } });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: expect.any(String) });
    }
  });
});

describe("POST /api/account/password-reset/confirm", () => {
  async function resetLink(m: { email: string }) {
    expect((await requestReset(m.email)).status).toBe(202);
    const mail = await nextMail(m.email);
    return new URL(mail.link("/reset-password")).searchParams.get("token")!;
  }

  it("sets the new password and ends every session of the account; the link works once", async () => {
    const robin = await member();
    const [laptop, phone] = [await browser(robin), await browser(robin)];
    expect(await laptop.signedIn()).toBe(200);
    const token = await resetLink(robin);
    expect(await confirmReset({ token, password: NEW })).toEqual({ status: 200, json: { ok: true } });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: robin.id } });
    expect(await verifyPassword(user.passwordHash, NEW)).toBe(true);
    expect(await laptop.signedIn()).toBe(401);
    expect(await phone.signedIn()).toBe(401);
    // Single use.
    const again = await confirmReset({ token, password: "a third password 789" });
    expect(again).toEqual({ status: 400, json: { error: expect.stringMatching(/expired or was already used/) } });
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash, NEW)).toBe(true);
  });

  it("refuses an expired link (30 minutes) and a forged one, changing nothing", async () => {
    const robin = await member();
    const laptop = await browser(robin);
    const token = await resetLink(robin);
    const before = (await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash;
    const restore = setClock(() => new Date(Date.now() + 31 * 60_000));
    try {
      expect((await confirmReset({ token, password: NEW })).status).toBe(400);
    } finally {
      restore();
    }
    for (const forged of ["A".repeat(43), "short", token.slice(0, -1) + (token.endsWith("A") ? "B" : "A")]) {
      expect((await confirmReset({ token: forged, password: NEW })).status).toBe(400);
    }
    expect((await confirmReset({ token, password: "short" })).status).toBe(400); // too short a password
    expect((await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash).toBe(before);
    expect(await laptop.signedIn()).toBe(200);
  });

  it("confirms an unconfirmed email too (the link reached that inbox)", async () => {
    const robin = await member({ emailVerified: false });
    await confirmReset({ token: await resetLink(robin), password: NEW });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).emailVerifiedAt).not.toBeNull();
  });
});

describe("POST /api/account/password", () => {
  it("changes the password and ends every other session, keeping this one", async () => {
    const robin = await member();
    const [here, elsewhere] = [await browser(robin), await browser(robin)];
    const res = await call(password.POST, "POST", { as: robin, sessionId: here.sessionId, body: { current_password: OLD, new_password: NEW } });
    expect(res).toEqual({ status: 200, json: { ok: true } });
    expect(await here.signedIn()).toBe(200);
    expect(await elsewhere.signedIn()).toBe(401);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash, NEW)).toBe(true);
  });

  it("refuses a wrong current password (400), signed-out callers (401) and bad input, changing nothing", async () => {
    const robin = await member();
    const elsewhere = await browser(robin);
    const before = (await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash;
    const wrong = await call(password.POST, "POST", { as: robin, body: { current_password: "not it", new_password: NEW } });
    expect(wrong).toEqual({ status: 400, json: { error: "Your current password isn't right." } });
    expect((await call(password.POST, "POST", { body: { current_password: OLD, new_password: NEW } })).status).toBe(401);
    for (const body of [{ current_password: OLD }, { current_password: OLD, new_password: "short" }, { current_password: OLD, new_password: NEW, x: 1 }]) {
      expect((await call(password.POST, "POST", { as: robin, body })).status).toBe(400);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: robin.id } })).passwordHash).toBe(before);
    expect(await elsewhere.signedIn()).toBe(200);
  });
});

describe("POST /api/account/sign-out-everywhere", () => {
  it("ends every session of the member, this one included, and nobody else's", async () => {
    const robin = await member();
    const sam = await member({ name: "Sam" });
    const [here, elsewhere, samsPhone] = [await browser(robin), await browser(robin), await browser(sam)];
    const res = await call(everywhere.POST, "POST", { as: robin, sessionId: here.sessionId });
    expect(res).toEqual({ status: 200, json: { ok: true, signed_out: 2 } });
    expect(await here.signedIn()).toBe(401);
    expect(await elsewhere.signedIn()).toBe(401);
    expect(await samsPhone.signedIn()).toBe(200);
    expect((await call(everywhere.POST, "POST", { as: robin, sessionId: here.sessionId })).status).toBe(401);
  });
});

describe("confirming an email", () => {
  it("an unconfirmed member can't be matched or call until they confirm by the mailed link", async () => {
    const robin = await member({ emailVerified: false, gender: "woman", interestedIn: ["man"] });
    const sam = await createMember({ name: "Sam", gender: "man", interestedIn: ["woman"] });
    const find = await api.find(robin);
    expect(find).toEqual({ status: 409, json: { error: expect.stringMatching(/Confirm your email/), code: "email_unconfirmed" } });
    // Nor is the unconfirmed member proposed to anyone.
    await api.find(sam);
    const robinsMatches = () => prisma.match.count({ where: { OR: [{ userAId: robin.id }, { userBId: robin.id }] } });
    expect(await robinsMatches()).toBe(0);

    expect((await call(resend.POST, "POST", { as: robin })).status).toBe(202);
    const mail = await nextMail(robin.email);
    const token = new URL(mail.link("/verify-email")).searchParams.get("token")!;
    expect(await call(confirmEmail.POST, "POST", { body: { token } })).toEqual({ status: 200, json: { ok: true } });
    expect((await call(confirmEmail.POST, "POST", { body: { token } })).status).toBe(400); // single use
    const found = await api.find(robin);
    expect(found.status).toBe(201);
    expect(await robinsMatches()).toBe(1);
    expect((await call(resend.POST, "POST", { as: robin })).status).toBe(409);
  });

  it("an unconfirmed member can't start a call on an existing match", async () => {
    const { sarah, john, match } = await createPair("matched");
    await prisma.user.update({ where: { id: sarah.id }, data: { emailVerifiedAt: null } });
    expect(await api.startCall(sarah, match.id)).toEqual({ status: 409, json: { error: expect.any(String), code: "email_unconfirmed" } });
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(0);
    expect((await api.startCall(john, match.id)).status).toBeLessThan(300);
  });

  it("limits resends to 3 an hour", async () => {
    const robin = await member({ emailVerified: false });
    for (let i = 0; i < 3; i++) expect((await call(resend.POST, "POST", { as: robin })).status).toBe(202);
    expect((await call(resend.POST, "POST", { as: robin })).status).toBe(429);
  });
});
