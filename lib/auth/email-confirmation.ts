import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { transaction } from "@/lib/db/transaction";
import { consumeToken, issueToken } from "@/lib/auth/account-tokens";
import { sendMailAfterCommit } from "@/lib/email/mailer";
import { confirmEmailMail, siteUrl } from "@/lib/email/templates";
import { publishEvent } from "@/lib/events/publish";
import { badRequest, conflict, tooMany } from "@/lib/http/http-error";
import { rateLimit } from "@/lib/http/rate-limit";
import type { Tx } from "@/lib/db";

// Confirming a new member's email. Until they do, they can sign in and fill in their profile,
// but the matching engine skips them and they cannot start a call (lib/matching/engine.ts,
// lib/calls/lifecycle.ts: `emailVerifiedAt`).

/** Resends allowed per member per hour: enough for a lost mail, too few to bomb an inbox. */
export const RESEND_LIMIT = { limit: 3, windowMs: 60 * 60_000 };

export const INVALID_CONFIRMATION_LINK = "This confirmation link has expired or was already used. Sign in and ask for a new one.";

/** Issues a confirmation link and mails it once the caller's transaction commits. */
export async function sendConfirmation(tx: Tx, user: { id: number; email: string; name: string }): Promise<void> {
  const token = await issueToken(tx, user.id, "verify_email");
  sendMailAfterCommit(tx, confirmEmailMail(user.email, user.name, `${siteUrl()}/verify-email?token=${token}`));
}

/** Confirms the email the link was sent to. Throws 400 for an unknown, expired or used link. */
export async function confirmEmail(token: string): Promise<{ userId: number }> {
  return transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify_email");
    if (userId === null) throw badRequest(INVALID_CONFIRMATION_LINK);
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now() } });
    // Cached copies of the member (lib/auth/cached-member.ts) say "unconfirmed": drop them.
    await publishEvent(tx, { type: "member.changed", userIds: [userId] });
    return { userId };
  });
}

/** A new confirmation link for a signed-in member who hasn't confirmed yet. */
export async function resendConfirmation(userId: number): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, emailVerifiedAt: true, profile: { select: { displayName: true } } } });
  if (user.emailVerifiedAt) throw conflict("Your email is already confirmed.", "already_confirmed");
  if (!(await rateLimit(`confirm-resend:${userId}`, RESEND_LIMIT))) throw tooMany("We've sent a few links already. Please check your inbox (and spam folder), or try again in an hour.");
  await transaction((tx) => sendConfirmation(tx, { id: user.id, email: user.email, name: user.profile?.displayName ?? "there" }));
}
