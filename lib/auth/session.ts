import "server-only";
import { getServerSession, type Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { authOptions, ENDED_SESSION_OF, SESSION_UNVERIFIED, SIGN_IN_SESSION } from "@/lib/auth/options";
import { prisma } from "@/lib/db";
import { loadMember, type Member } from "@/lib/auth/member";
import { loadMemberCached } from "@/lib/auth/signed-in-member-cache";
import { sessionIsLive } from "@/lib/auth/sign-in-sessions";
import { sessionToken, type TokenSource } from "@/lib/auth/session-token";
import type { IncomingMessage } from "node:http";
import { forbidden, unauthorized } from "@/lib/http/http-error";

/** A signed-in member and the sign-in session the request came with. */
export interface MemberSession {
  member: Member;
  sessionId: string;
}

/**
 * The one rule for who a session token signs in: its sign-in session is live
 * (lib/auth/sign-in-sessions.ts: not signed out, not revoked by a password change, reset or ban)
 * and its member is allowed in (not banned or deleted). Both answers come from event-invalidated
 * caches, read side by side on a miss, so a warm poll makes no database round trip.
 */
async function memberForToken(token: JWT | null): Promise<MemberSession | null> {
  const uid = typeof token?.uid === "number" ? token.uid : null;
  const sid = typeof token?.sid === "string" ? token.sid : null;
  if (!uid || !sid) return null;
  const [live, member] = await Promise.all([sessionIsLive(uid, sid), loadMemberCached(uid)]);
  return live && member ? { member, sessionId: sid } : null;
}

/** Route handlers: the signed-in member and their session, or 401. */
export async function requireMemberSession(req: TokenSource): Promise<MemberSession> {
  const signedIn = await memberForToken(await sessionToken(req));
  if (!signedIn) throw unauthorized();
  return signedIn;
}

/**
 * Route handlers: the signed-in member, or 401. Banned or deleted accounts and ended sessions
 * count as signed out.
 */
export async function requireMember(req: TokenSource): Promise<Member> {
  return (await requireMemberSession(req)).member;
}

/** The same for a handler given Node's own request (pages/api/), whose cookies Next parses. */
export function requireMemberSessionFromNode(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }): Promise<MemberSession> {
  return requireMemberSession({ headers: req.headers, cookies: req.cookies ?? {} });
}

export async function requireMemberFromNode(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }): Promise<Member> {
  return (await requireMemberSessionFromNode(req)).member;
}

export async function requireAdmin(req: NextRequest): Promise<Member> {
  const member = await requireMember(req);
  if (member.role !== "admin") throw forbidden("Admins only.");
  return member;
}

/**
 * next-auth's session callback (lib/auth/options.ts) leaves `user.id` out for an ended session,
 * and keeps the session id under a symbol key (never serialised to the browser).
 */
async function serverSession(): Promise<{ uid: number; sessionId: string; unverified: boolean } | null> {
  const session: (Session & { [SIGN_IN_SESSION]?: string; [SESSION_UNVERIFIED]?: boolean }) | null = await getServerSession(authOptions);
  const uid = session?.user?.id;
  const sessionId = session?.[SIGN_IN_SESSION];
  return typeof uid === "number" && sessionId ? { uid, sessionId, unverified: session?.[SESSION_UNVERIFIED] === true } : null;
}

/** Whether this request's session belongs to a banned member (live or ended by the ban). */
async function suspendedSession(): Promise<boolean> {
  const session: (Session & { [ENDED_SESSION_OF]?: number }) | null = await getServerSession(authOptions);
  const uid = session?.user?.id ?? session?.[ENDED_SESSION_OF];
  if (typeof uid !== "number") return false;
  const user = await prisma.user.findUnique({ where: { id: uid }, select: { bannedAt: true, deletedAt: true } });
  return Boolean(user?.bannedAt && !user.deletedAt);
}

/** Server components and server actions: the signed-in member and session, or null. */
export async function currentMemberSession(): Promise<MemberSession | null> {
  const session = await serverSession();
  if (!session) return null;
  // Re-read here rather than cached: a page render is rare next to the poll. During a database
  // outage this throws, and the page shows "reconnecting" rather than signing the member out.
  const member = await loadMember(session.uid);
  // The session could not be checked a moment ago (outage): it is checked now, before anything is served.
  if (session.unverified && !(await sessionIsLive(session.uid, session.sessionId))) return null;
  return member ? { member, sessionId: session.sessionId } : null;
}

/** Server components and server actions: the signed-in member or null. */
export async function currentMember(): Promise<Member | null> {
  return (await currentMemberSession())?.member ?? null;
}

/** Pages: the member, or a redirect to sign-in (with a reason when the account is suspended). */
export async function memberOrRedirect(returnTo?: string): Promise<Member> {
  const member = await currentMember();
  if (!member) {
    // A session whose member can't come in is a suspended one (a ban also ends the sessions);
    // any other ended session is just signed out.
    const q = new URLSearchParams();
    if (await suspendedSession()) q.set("error", "suspended");
    if (returnTo) q.set("callbackUrl", returnTo);
    redirect(`/signin${q.size ? `?${q}` : ""}`);
  }
  return member;
}

/** Server actions: the member and session, or an HttpError the action turns into a message. */
export async function requireMemberSessionForAction(): Promise<MemberSession> {
  const signedIn = await currentMemberSession();
  if (!signedIn) throw unauthorized();
  return signedIn;
}

/** Server actions: the member, or an HttpError the action turns into a message. */
export async function requireMemberForAction(): Promise<Member> {
  return (await requireMemberSessionForAction()).member;
}
