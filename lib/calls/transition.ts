import "server-only";
import type { Tx } from "@/lib/db";
import type { CallSession, CallStatus, Prisma } from "@/lib/generated/prisma/client";
import { conflict } from "@/lib/http/http-error";
import { canTransition } from "@/lib/calls/rules";
import { sessionsChanged } from "@/lib/calls/effects";
import type { LoadedSession } from "@/lib/calls/session-view";

// Every change to a call session runs in a transaction (lib/db/transaction.ts) that first locks
// the match row (withMatchLock, via lockedSessionFor), so two requests about the same match — two
// Call presses, a join racing a decline — are applied one after the other, each seeing the
// other's result. The status update is also conditional on the expected old status, as a second
// guard, and is reported to sessionsChanged(), the one place its consequences are registered.

/**
 * The one place a request changes a session's status: only along an edge of the drawn state
 * machine (rules.ts), and only if the row still has the status this request read — so a
 * concurrent change makes this one fail instead of overwriting it. (Time-based expiry in
 * expiry.ts and a ban's set-based end in end-by-system.ts are the other writers, with the same
 * from → to edges in their SQL.)
 */
export async function transition(tx: Tx, s: LoadedSession, to: CallStatus, data: Prisma.CallSessionUpdateManyMutationInput, raced: Error): Promise<CallSession> {
  if (!canTransition(s.status, to)) throw conflict(`A ${s.status} call cannot become ${to}.`, "invalid_transition");
  // The row as the update left it (RETURNING): the caller's answer needs no second read.
  const [updated, ...more] = await tx.callSession.updateManyAndReturn({ where: { id: s.id, status: s.status }, data: { ...data, status: to } });
  if (!updated || more.length) throw raced;
  await sessionsChanged(tx, [{ id: s.id, matchId: s.matchId, callerId: s.callerId, calleeId: s.calleeId, from: s.status, to }]);
  return updated;
}
