import "server-only";
import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { memberAnswerCache } from "@/lib/events/member-answer-cache";
import { publishEvent } from "@/lib/events/publish";
import { MEMBER_RECORD_EVENTS } from "@/lib/events/types";
import { transaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/http/http-error";
import { MEMBER_TTL_MS } from "@/lib/auth/signed-in-member-cache";

// Server-side sign-in sessions. A JWT cannot be revoked, so each one carries the id of a
// SignInSession row (set at sign-in, lib/auth/options.ts), and a request is signed in only while
// that row exists, belongs to the token's member and is not revoked (`sessionIsLive`).
//
// Kept cheap for the poll: the answer is cached per instance like the member is
// (lib/events/member-answer-cache.ts). Every revocation publishes `member.signed_out` naming the member
// in the revoking transaction, and that event drops the member's entries on every instance before
// it reaches a stream (call and match events leave them alone: MEMBER_RECORD_EVENTS); so a revoked cookie is refused everywhere within the
// NOTIFY delivery time of the commit, and a warm poll makes no database round trip.

/** lastSeenAt is refreshed at most this often per session, in the background. */
export const LAST_SEEN_REFRESH_MS = 5 * 60_000;
/** Sessions remembered per member per instance (one per signed-in browser). */
const MAX_CACHED_SESSIONS_PER_MEMBER = 16;

interface LiveSession {
  lastSeenAt: Date;
}

const cache = memberAnswerCache<LiveSession | null>({
  ttlMs: MEMBER_TTL_MS,
  maxKeysPerMember: MAX_CACHED_SESSIONS_PER_MEMBER,
  droppedBy: MEMBER_RECORD_EVENTS,
});

/** A session id as it appears in a token: 32 random bytes, base64url. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What a sign-in records about the browser (see lib/auth/sign-in-place.ts for the last two). */
export interface SignInDevice {
  userAgent: string | null;
  /** Already validated (validTimeZone). */
  timeZone: string | null;
  /** Already masked (maskedNetwork). */
  network: string | null;
}

/** Records a new sign-in and returns its id (which goes into the JWT). */
export async function createSignInSession(userId: number, device: SignInDevice): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const t = now();
  await prisma.signInSession.create({
    data: { id, userId, userAgent: device.userAgent?.slice(0, 512) || null, timeZone: device.timeZone, network: device.network, createdAt: t, lastSeenAt: t },
  });
  return id;
}

function touch(sessionId: string, entry: LiveSession, t: Date): void {
  if (t.getTime() - entry.lastSeenAt.getTime() < LAST_SEEN_REFRESH_MS) return;
  entry.lastSeenAt = t;
  prisma.signInSession
    .updateMany({ where: { id: sessionId, lastSeenAt: { lt: new Date(t.getTime() - LAST_SEEN_REFRESH_MS) } }, data: { lastSeenAt: t } })
    .catch((err) => log.warn({ err }, "session last-seen refresh failed"));
}

/** Whether the token's session may still be used: unrevoked, and the member's own. */
export async function sessionIsLive(userId: number, sessionId: unknown): Promise<boolean> {
  if (typeof sessionId !== "string" || !SESSION_ID_PATTERN.test(sessionId)) return false;
  const entry = await cache.read(
    userId,
    async () => {
      const row = await prisma.signInSession.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true, lastSeenAt: true } });
      const live = row && row.userId === userId && !row.revokedAt ? { lastSeenAt: row.lastSeenAt } : null;
      // Refused sessions are not kept: they are rare, and a revoked one never comes back.
      return { value: live, keep: live !== null };
    },
    sessionId,
  );
  if (!entry) return false;
  touch(sessionId, entry, now());
  return true;
}

/** Which of a member's sessions to end. */
export type SessionSelection = { only: string } | { except: string } | "all";

/**
 * Ends sessions inside the caller's transaction and announces it (`member.signed_out`), so every
 * instance drops its cached answer and closes the streams of the ended sessions once it commits.
 * Returns how many were ended.
 */
export async function revokeSessions(tx: Tx, userId: number, which: SessionSelection, reason: "signed_out" | "banned" = "signed_out"): Promise<number> {
  const t = now();
  const where =
    which === "all"
      ? { userId, revokedAt: null }
      : "only" in which
        ? { userId, revokedAt: null, id: which.only }
        : { userId, revokedAt: null, id: { not: which.except } };
  const { count } = await tx.signInSession.updateMany({ where, data: { revokedAt: t } });
  if (count > 0 || reason === "banned") {
    await publishEvent(tx, {
      type: "member.signed_out",
      userIds: [userId],
      reason,
      ...(which !== "all" && "only" in which ? { sessionId: which.only } : {}),
      ...(which !== "all" && "except" in which ? { exceptSessionId: which.except } : {}),
    });
  }
  return count;
}

/** Ends one session on its own (sign-out). */
export async function endSession(userId: number, sessionId: string): Promise<void> {
  await transaction((tx) => revokeSessions(tx, userId, { only: sessionId }));
}

/** The Account page's "Sign out" on one device: 404 unless it is the member's and still signed in. */
export async function endSessionOf(userId: number, sessionId: string): Promise<void> {
  const ended = await transaction((tx) => revokeSessions(tx, userId, { only: sessionId }));
  if (ended === 0) throw notFound("That device is already signed out.");
}

/** The member's signed-in browsers, most recently seen first. */
export async function listSessions(userId: number) {
  return prisma.signInSession.findMany({
    where: { userId, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, timeZone: true, network: true },
  });
}
