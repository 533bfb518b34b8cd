import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/generated/prisma/enums";

export interface Member {
  id: number;
  email: string;
  role: Role;
  displayName: string;
  photoPath: string | null;
  /** Confirmed their email (lib/auth/email-confirmation.ts); until then not matched and can't call. */
  emailVerified: boolean;
}

// last_active is refreshed at most once a minute per member: a cheap conditional update, not a
// write on every poll.
export const ACTIVE_REFRESH_MS = 60_000;

/** A member as read from the database, with when they were last marked active. */
export interface MemberRecord {
  member: Member;
  lastActiveAt: Date;
}

/** One read: the member, or null for a banned or deleted account. */
export async function readMember(userId: number): Promise<MemberRecord | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      role: true,
      bannedAt: true,
      deletedAt: true,
      emailVerifiedAt: true,
      lastActiveAt: true,
      profile: { select: { displayName: true, photoPath: true } },
    },
  });
  if (!user || user.bannedAt || user.deletedAt) return null;
  return {
    member: {
      id: user.id,
      email: user.email,
      role: user.role,
      displayName: user.profile?.displayName ?? user.email,
      photoPath: user.profile?.photoPath ?? null,
      emailVerified: user.emailVerifiedAt !== null,
    },
    lastActiveAt: user.lastActiveAt,
  };
}

/** Whether `lastActiveAt` is old enough at `t` to be refreshed. */
export const activeRefreshDue = (lastActiveAt: Date, t: Date) => t.getTime() - lastActiveAt.getTime() > ACTIVE_REFRESH_MS;

/** Marks the member active at `t`, unless another request did within the last minute. */
export async function refreshLastActive(userId: number, t: Date): Promise<void> {
  await prisma.user.updateMany({
    where: { id: userId, lastActiveAt: { lt: new Date(t.getTime() - ACTIVE_REFRESH_MS) } },
    data: { lastActiveAt: t },
  });
}

/**
 * The member behind a session, re-read from the database on every request so that a ban or a
 * deleted account takes effect at once (JWTs alone cannot be revoked). Route handlers go through
 * lib/auth/signed-in-member-cache.ts instead, which skips the read while member events keep it correct.
 */
export async function loadMember(userId: number): Promise<Member | null> {
  const record = await readMember(userId);
  if (!record) return null;
  const t = now();
  if (activeRefreshDue(record.lastActiveAt, t)) await refreshLastActive(userId, t);
  return record.member;
}
