import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/http-error";
import { withMatchLock } from "@/lib/matches/state";
import { resolveExpired } from "@/lib/calls/expiry";
import { sessionInclude, type LoadedSession } from "@/lib/calls/session-view";

/**
 * Loads a session for one of its members inside a transaction, with its match locked and
 * expired sessions resolved: what every member's step reads before it acts. Anyone else gets
 * 404: a session's existence is not revealed.
 */
export async function lockedSessionFor(tx: Tx, sessionId: string, userId: number): Promise<LoadedSession> {
  const head = await tx.callSession.findUnique({ where: { id: sessionId }, select: { matchId: true, callerId: true, calleeId: true } });
  if (!head || (head.callerId !== userId && head.calleeId !== userId)) throw notFound("Call not found.");
  await withMatchLock(tx, head.matchId);
  await resolveExpired(tx, { matchId: head.matchId });
  const s = await tx.callSession.findUniqueOrThrow({ where: { id: sessionId }, include: sessionInclude });
  if (s.match.status === "blocked") throw notFound("Call not found.");
  return s;
}
