import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { transaction } from "@/lib/db/transaction";
import { consumeToken, issueToken } from "@/lib/auth/account-tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeSessions } from "@/lib/auth/sign-in-sessions";
import { publishEvent } from "@/lib/events/publish";
import { sendMailAfterCommit } from "@/lib/email/mailer";
import { passwordResetMail, siteUrl } from "@/lib/email/templates";
import { badRequest, tooMany } from "@/lib/http/http-error";
import { rateLimit } from "@/lib/http/rate-limit";

// Forgotten and changed passwords. A reset link is single use, lasts 30 minutes, is stored
// hashed (lib/auth/account-tokens.ts), and setting a password with it ends every session of the
// account; a change (knowing the current password) ends every session but the one it came from.

const newPassword = z.string({ message: "Password is required" }).min(8, "Password must be at least 8 characters").max(200, "Password must be at most 200 characters");

export const passwordResetRequestSchema = z.object({ email: z.string({ message: "Email is required" }).trim().toLowerCase().max(254, "Email is too long").email("Enter a valid email address") }).strict();
export const passwordResetSchema = z.object({ token: z.string({ message: "The link is incomplete" }).min(1).max(200), password: newPassword }).strict();
export const passwordChangeSchema = z.object({ current_password: z.string({ message: "Enter your current password" }).min(1, "Enter your current password").max(200), new_password: newPassword }).strict();

export const RESET_LIMITS = {
  /** Requests per client address: enough for a household, too few to enumerate or bomb. */
  perAddress: { limit: 20, windowMs: 60 * 60_000 },
  /** Mails per email address: beyond this a request is answered the same but sends nothing. */
  perEmail: { limit: 3, windowMs: 60 * 60_000 },
};
export const CHANGE_LIMIT = { limit: 10, windowMs: 15 * 60_000 };

export const RESET_REQUESTED = "If that email has a Meetcute account, a link to choose a new password is on its way. It works for 30 minutes.";
export const INVALID_RESET_LINK = "This reset link has expired or was already used. Ask for a new one.";

const digest = (value: string) => createHash("sha256").update(value).digest("base64url");

/**
 * Mails a reset link when the email has an account. Answers the same whatever the email, so it
 * tells nobody who is a member; 429 only for too many requests from one address.
 */
export async function requestPasswordReset(input: z.infer<typeof passwordResetRequestSchema>, address: string): Promise<void> {
  if (!(await rateLimit(`reset:addr:${digest(address)}`, RESET_LIMITS.perAddress))) throw tooMany("Too many reset requests. Please wait a while and try again.");
  // Counted for unknown emails too, so the limit says nothing about membership either.
  if (!(await rateLimit(`reset:email:${digest(input.email)}`, RESET_LIMITS.perEmail))) return;
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, bannedAt: true } });
  if (!user || user.bannedAt) return;
  await transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "password_reset");
    sendMailAfterCommit(tx, passwordResetMail(user.email, `${siteUrl()}/reset-password?token=${token}`));
  });
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(input: z.infer<typeof passwordResetSchema>): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    const userId = await consumeToken(tx, input.token, "password_reset");
    if (userId === null) throw badRequest(INVALID_RESET_LINK);
    // The link reached that inbox, which confirms the address as well as the confirmation link would.
    const t = now();
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const confirmed = await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: t } });
    // Cached copies of the member say "unconfirmed" (lib/auth/signed-in-member-cache.ts): the
    // sign-out below announces itself only when a session was still open.
    if (confirmed.count) await publishEvent(tx, { type: "member.changed", userIds: [userId] });
    // Any other reset link still in an inbox dies with this one.
    await tx.accountToken.updateMany({ where: { userId, purpose: "password_reset", usedAt: null }, data: { usedAt: t } });
    await revokeSessions(tx, userId, "all");
  });
}

/** Changes the password of a signed-in member and ends every session but `sessionId`. */
export async function changePassword(userId: number, sessionId: string, input: z.infer<typeof passwordChangeSchema>): Promise<void> {
  if (!(await rateLimit(`password-change:${userId}`, CHANGE_LIMIT))) throw tooMany("Too many attempts. Please wait a few minutes and try again.");
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current_password))) throw badRequest("Your current password isn't right.");
  if (input.current_password === input.new_password) throw badRequest("Choose a password different from your current one.");
  const passwordHash = await hashPassword(input.new_password);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await revokeSessions(tx, userId, { except: sessionId });
  });
}

/** "Sign out everywhere": ends every session of the member, this one included. */
export async function signOutEverywhere(userId: number): Promise<number> {
  return transaction((tx) => revokeSessions(tx, userId, "all"));
}
