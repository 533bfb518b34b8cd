import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, forbidden, notFound, tooMany, unauthorized } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { rateLimit } from "@/lib/http/rate-limit";
import { transaction } from "@/lib/db/transaction";
import { verifyPassword } from "@/lib/auth/password";
import { endAllSessionsOfMember } from "@/lib/auth/end-sessions";
import { lockMemberToWithdraw, withdrawMemberFromCalls } from "@/lib/calls/end-by-system";
import { writeAudit } from "@/lib/admin/audit";
import { adminNote } from "@/lib/admin/members";

// Deleting an account: what goes, what stays and why is docs/data-retention.md. The User row
// stays, anonymised, so every other member's matches, calls, blocks and reports keep their
// foreign keys (which Restrict, never cascade); everything that is only the member's own goes.

export const deleteAccountInput = z.object({ password: z.string({ message: "password is required" }).min(1, "password is required").max(200) }).strict();
export const adminDeleteInput = z.object({ note: adminNote }).strict();

/** Password attempts per member: a borrowed session must not become a password oracle. */
export const DELETE_ATTEMPTS = { limit: 5, windowMs: 15 * 60_000 } as const;

export const WRONG_PASSWORD = "That password isn't right.";

/** An address that can never receive mail or match a sign-in (RFC 2606 `.invalid`), unique per row. */
const tombstoneEmail = (userId: number) => `deleted-${userId}-${randomUUID()}@deleted.invalid`;

export interface DeletionEffects {
  ended_sessions: string[];
  closed_matches: number[];
  photos_removed: number;
  devices_removed: number;
  reports_anonymised: number;
}

/**
 * The deletion itself, inside the caller's transaction. Locks the member, then their matches (in
 * id order, as a ban does), so no call can start or be answered on them halfway through; ends
 * their live calls through the call lifecycle (the other member's page hears `session.changed`);
 * closes the matches that can never go on (pending: no first call now; awaiting a decision that
 * will never come); keeps mutual and passed matches, so the other member's list and history stay,
 * shown as "Deleted member", and nobody can call them (lib/calls/start-call.ts).
 */
export async function deleteAccountInTx(tx: Tx, userId: number, byUserId: number): Promise<DeletionEffects> {
  const target = await lockMemberToWithdraw(tx, userId);
  if (!target.length) throw notFound("Member not found.");
  if (target[0].deletedAt) throw conflict("This account is already deleted.", "already_deleted");
  if (target[0].role === "admin") throw conflict("Admin accounts can't be deleted. Remove the admin role first.", "is_admin");

  const { ended_sessions, closed_matches } = await withdrawMemberFromCalls(tx, userId, byUserId, "account_deleted");
  const t = now();

  // The member's own rows. Photos live in PostgreSQL (lib/profile/photo-store.ts), so they go in
  // this transaction; a store elsewhere would delete them after commit.
  const photos = await tx.photo.deleteMany({ where: { ownerId: userId } });
  await tx.profile.deleteMany({ where: { userId } });
  const devices = await tx.pushSubscription.deleteMany({ where: { userId } });
  // Reports they filed stay for admins, without the reporter.
  const reports = await tx.report.updateMany({ where: { reporterId: userId }, data: { reporterId: null } });
  await tx.user.update({
    where: { id: userId },
    data: { email: tombstoneEmail(userId), passwordHash: "", deletedAt: t, dndUntil: null },
  });
  await endAllSessionsOfMember(tx, userId, "signed_out");
  return {
    ended_sessions,
    closed_matches,
    photos_removed: photos.count,
    devices_removed: devices.count,
    reports_anonymised: reports.count,
  };
}

/** DELETE /api/account: the member's own deletion, confirmed by their password. */
export async function deleteOwnAccount(userId: number, raw: unknown): Promise<{ deleted: true }> {
  const input = parse(deleteAccountInput, raw);
  if (!(await rateLimit(`account-delete:${userId}`, DELETE_ATTEMPTS))) throw tooMany("Too many attempts. Please wait a few minutes and try again.");
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, deletedAt: true } });
  if (!user || user.deletedAt) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, input.password))) throw forbidden(WRONG_PASSWORD);
  const effects = await transaction((tx) => deleteAccountInTx(tx, userId, userId));
  log.info({ userId, ...effects }, "account deleted by its member");
  return { deleted: true };
}

/** An admin deletes a member's account, audited in the same transaction. */
export async function deleteAccountAsAdmin(adminId: number, userId: number, raw: z.input<typeof adminDeleteInput> = {}) {
  const input = parse(adminDeleteInput, raw);
  const effects = await transaction(async (tx) => {
    const effects = await deleteAccountInTx(tx, userId, adminId);
    await writeAudit(tx, { adminId, action: "member.delete", targetType: "user", targetId: userId, note: input.note, data: { ...effects } });
    return effects;
  });
  log.info({ adminId, userId, ...effects }, "account deleted by an admin");
  return { user_id: userId, deleted: true as const, ...effects };
}
