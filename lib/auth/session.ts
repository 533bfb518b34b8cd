import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { loadMember, type Member } from "@/lib/auth/member";
import { loadMemberCached } from "@/lib/auth/signed-in-member-cache";
import { sessionToken, type TokenSource } from "@/lib/auth/session-token";
import type { IncomingMessage } from "node:http";
import { forbidden, unauthorized } from "@/lib/http/http-error";

/**
 * Route handlers: the signed-in member, or 401. Banned or deleted accounts count as signed out.
 * Answered from the event-invalidated member cache (lib/auth/signed-in-member-cache.ts) when it can be.
 */
export async function requireMember(req: TokenSource): Promise<Member> {
  const token = await sessionToken(req);
  const uid = typeof token?.uid === "number" ? token.uid : null;
  const member = uid ? await loadMemberCached(uid) : null;
  if (!member) throw unauthorized();
  return member;
}

/** The same for a handler given Node's own request (pages/api/events.ts), whose cookies Next parses. */
export function requireMemberFromNode(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }): Promise<Member> {
  return requireMember({ headers: req.headers, cookies: req.cookies ?? {} });
}

export async function requireAdmin(req: NextRequest): Promise<Member> {
  const member = await requireMember(req);
  if (member.role !== "admin") throw forbidden("Admins only.");
  return member;
}

/** Server components and server actions: the signed-in member or null. */
export async function currentMember(): Promise<Member | null> {
  const session = await getServerSession(authOptions);
  const uid = session?.user?.id;
  return typeof uid === "number" ? loadMember(uid) : null;
}

/** Pages: the member, or a redirect to sign-in (with a reason when the account is suspended). */
export async function memberOrRedirect(returnTo?: string): Promise<Member> {
  const member = await currentMember();
  if (!member) {
    const session = await getServerSession(authOptions);
    const q = new URLSearchParams();
    if (session) q.set("error", "suspended");
    if (returnTo) q.set("callbackUrl", returnTo);
    redirect(`/signin${q.size ? `?${q}` : ""}`);
  }
  return member;
}

/** Server actions: the member, or an HttpError the action turns into a message. */
export async function requireMemberForAction(): Promise<Member> {
  const member = await currentMember();
  if (!member) throw unauthorized();
  return member;
}
