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
}

// last_active is refreshed at most once a minute per member: a cheap conditional update, not a
// write on every poll.
const ACTIVE_REFRESH_MS = 60_000;

/**
 * The member behind a session, re-read from the database on every request so that a ban or a
 * deleted account takes effect at once (JWTs alone cannot be revoked).
 */
export async function loadMember(userId: number): Promise<Member | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      role: true,
      bannedAt: true,
      lastActiveAt: true,
      profile: { select: { displayName: true, photoPath: true } },
    },
  });
  if (!user || user.bannedAt) return null;
  const t = now();
  if (t.getTime() - user.lastActiveAt.getTime() > ACTIVE_REFRESH_MS) {
    await prisma.user.updateMany({
      where: { id: user.id, lastActiveAt: { lt: new Date(t.getTime() - ACTIVE_REFRESH_MS) } },
      data: { lastActiveAt: t },
    });
  }
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.profile?.displayName ?? user.email,
    photoPath: user.profile?.photoPath ?? null,
  };
}
