import "server-only";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict } from "@/lib/http/http-error";
import { compatibilityScore, fitsBothWays, type Candidate } from "@/lib/matching/score";

/** How many recently active members are scored per request; the rest are too stale to rank first. */
const CANDIDATE_POOL = 500;
/** Members with this many undecided matches get no new ones until they meet some. */
const MAX_OPEN_PENDING = 5;

/**
 * Proposes the best new match for a member: someone whose preferences fit both ways, never
 * blocked or reported either way, never matched before, not banned, email confirmed (both the
 * member asking and every candidate); ranked by compatibility and activity.
 * Returns the new match's id, or null when nobody fits right now.
 */
export async function findMatchFor(userId: number): Promise<{ match_id: number; score: number } | null> {
  const at = now();
  const me = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { profile: true } });
  if (!me.emailVerifiedAt) throw conflict("Confirm your email first: we sent you a link when you signed up.", "email_unconfirmed");
  if (!me.profile) throw conflict("Complete your profile before asking for a match.", "no_profile");
  if (me.profile.interestedIn.length === 0) throw conflict("Choose who you want to meet in your profile first.", "no_preferences");
  const open = await prisma.match.count({ where: { status: "pending", OR: [{ userAId: userId }, { userBId: userId }] } });
  if (open >= MAX_OPEN_PENDING) {
    throw conflict(`You have ${open} matches waiting for a first call. Meet some of them first!`, "too_many_pending");
  }

  const candidates = await prisma.user.findMany({
    where: {
      id: { not: userId },
      role: "member",
      bannedAt: null,
      // A deleted account has no profile either; said outright all the same.
      deletedAt: null,
      emailVerifiedAt: { not: null },
      profile: { is: { gender: { in: me.profile.interestedIn }, interestedIn: { has: me.profile.gender } } },
      blocksMade: { none: { blockedId: userId } },
      blocksReceived: { none: { blockerId: userId } },
      // Nobody is proposed someone they reported, or who reported them (even without a block).
      reportsMade: { none: { reportedId: userId } },
      reportsReceived: { none: { reporterId: userId } },
      matchesAsA: { none: { userBId: userId } },
      matchesAsB: { none: { userAId: userId } },
    },
    orderBy: { lastActiveAt: "desc" },
    take: CANDIDATE_POOL,
    include: { profile: true },
  });

  const self: Candidate = { ...me.profile, lastActiveAt: me.lastActiveAt };
  const ranked = candidates
    .map((c) => ({ id: c.id, candidate: { ...c.profile!, lastActiveAt: c.lastActiveAt } satisfies Candidate }))
    .filter((c) => fitsBothWays(self, c.candidate, at))
    .map((c) => ({ id: c.id, score: compatibilityScore(self, c.candidate, at) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);

  for (const best of ranked) {
    const [userAId, userBId] = [userId, best.id].sort((x, y) => x - y);
    try {
      const match = await prisma.match.create({ data: { userAId, userBId, status: "pending", score: best.score, createdAt: at } });
      log.info({ matchId: match.id, userAId, userBId, score: best.score }, "match proposed");
      return { match_id: match.id, score: best.score };
    } catch (err) {
      // The pair was matched a moment ago by a concurrent request: the unique pair decides; try the next.
      if ((err as { code?: string }).code === "P2002") continue;
      throw err;
    }
  }
  return null;
}
