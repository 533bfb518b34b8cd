import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma, type CallSession, type CallStatus } from "@/lib/generated/prisma/client";
import { conflict } from "@/lib/http/http-error";
import { canTransition } from "@/lib/calls/rules";
import { afterSessionsChanged, sessionChangeNotice, type SessionChange } from "@/lib/calls/effects";
import { ts } from "@/lib/calls/time-rules";
import type { LoadedSession } from "@/lib/calls/session-view";

// Every change to a call session runs in a transaction (lib/db/transaction.ts) that first locks
// the match row (withMatchLock, via lockedSessionFor), so two requests about the same match — two
// Call presses, a join racing a decline — are applied one after the other, each seeing the
// other's result. The status update is also conditional on the expected old status, as a second
// guard, and its consequences are the ones sessionsChanged() registers (lib/calls/effects.ts).

/** The columns a request's transition sets besides the status. */
export type TransitionData = Partial<Pick<CallSession, "answeredAt" | "calleeSeenAt" | "endedAt" | "endedById" | "endReason">>;

/**
 * The one place a request changes a session's status: only along an edge of the drawn state
 * machine (rules.ts), and only if the row still has the status this request read — so a
 * concurrent change makes this one fail instead of overwriting it. (Time-based expiry in
 * expiry.ts and a ban's set-based end in end-by-system.ts are the other writers, with the same
 * from → to edges in their SQL.)
 */
export async function transition(tx: Tx, s: LoadedSession, to: CallStatus, data: TransitionData, raced: Error): Promise<CallSession> {
  if (!canTransition(s.status, to)) throw conflict(`A ${s.status} call cannot become ${to}.`, "invalid_transition");
  const change: SessionChange = { id: s.id, matchId: s.matchId, callerId: s.callerId, calleeId: s.calleeId, from: s.status, to };
  // One statement: the conditional update, the row as it left it (the caller's answer needs no
  // second read) and its announcement (pg_notify in RETURNING: sent only for the row changed,
  // delivered on commit).
  const set = (Object.entries(data) as [keyof TransitionData, TransitionData[keyof TransitionData]][]).map(
    ([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value instanceof Date ? ts(value) : (value ?? null)}`,
  );
  const rows = await tx.$queryRaw<(CallSession & { announced: unknown })[]>`
    UPDATE "CallSession" SET ${Prisma.join([Prisma.sql`status = ${to}::"CallStatus"`, ...set])}
    WHERE id = ${s.id}::uuid AND status = ${s.status}::"CallStatus"
    RETURNING *, ${sessionChangeNotice(change)}::text AS announced`;
  if (rows.length !== 1) throw raced;
  afterSessionsChanged(tx, [change]);
  const { announced: _, ...row } = rows[0];
  return row;
}
