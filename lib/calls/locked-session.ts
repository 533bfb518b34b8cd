import "server-only";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/http/http-error";
import { uuidParam } from "@/lib/validation";
import { now } from "@/lib/clock";
import { mayBeDue, resolveExpired } from "@/lib/calls/expiry";
import { sessionInclude, type LoadedSession } from "@/lib/calls/session-view";

/**
 * Loads a session for one of its members inside a transaction, with its match locked and its
 * time rules applied if due: what every member's step reads before it acts. Anyone else gets
 * 404: a session's existence is not revealed.
 */
export async function lockedSessionFor(tx: Tx, sessionId: string, userId: number): Promise<LoadedSession> {
  // Routes validate the id; this keeps a malformed one from reaching the `::uuid` cast below.
  if (!uuidParam.safeParse(sessionId).success) throw notFound("Call not found.");
  // The session's match and members, and the match's lock, in one round trip: a session never
  // changes match, so reading them in the statement that takes the lock is as good as before it.
  const [head] = await tx.$queryRaw<{ matchId: number; callerId: number; calleeId: number }[]>`
    SELECT s."matchId", s."callerId", s."calleeId" FROM "CallSession" s JOIN "Match" m ON m.id = s."matchId"
    WHERE s.id = ${sessionId}::uuid FOR UPDATE OF m`;
  if (!head || (head.callerId !== userId && head.calleeId !== userId)) throw notFound("Call not found.");
  const read = () => tx.callSession.findUniqueOrThrow({ where: { id: sessionId }, include: sessionInclude });
  let s = await read();
  // Resolved only when a time rule may be due on it (a match has one live session at most, and
  // only a live one has rules): nearly every step skips that statement. Every other step that
  // moves the session waits for the match lock; a check-in may still write, which only moves a
  // deadline later, so the row as read can only say "maybe" too early.
  if (mayBeDue(s, now())) {
    await resolveExpired(tx, { matchId: head.matchId });
    s = await read();
  }
  if (s.match.status === "blocked") throw notFound("Call not found.");
  return s;
}
