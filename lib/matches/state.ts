import "server-only";
import type { Tx } from "@/lib/db";
import type { Match } from "@/lib/generated/prisma/client";
import type { MatchStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conflict, notFound } from "@/lib/http/http-error";
import { canTransitionMatch } from "@/lib/matches/rules";
import { publishEvent } from "@/lib/events/publish";

// The one module that changes a match's status. Every writer (the call lifecycle, decisions,
// unmatch/block/report, admin bans) locks the match with withMatchLock() first, so two requests
// about one match are applied one after the other, and moves it with transitionMatch(), which
// refuses an edge not drawn in lib/matches/rules.ts and updates only if the status is still the
// one that was read. Both members hear of every move through their push channel, announced in
// the same transaction (lib/events/).

/**
 * Locks the match row (`SELECT … FOR UPDATE`) inside `tx` and returns it, or null when it does
 * not exist. Callers lock the match before its sessions, always in that order, so two
 * transactions never wait on each other in a cycle.
 */
export async function withMatchLock(tx: Tx, matchId: number): Promise<Match | null> {
  // One round trip: the row as the lock returns it, not a lock and then a read. `SELECT *` gives
  // the model's fields because Match maps no field to another column name (no @map); enums come
  // as their text, as the generated types have them.
  const rows = await tx.$queryRaw<Match[]>`SELECT * FROM "Match" WHERE id = ${matchId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Locks several matches in id order (the same order everywhere: no deadlocks). */
export async function lockMatches(tx: Tx, where: Prisma.Sql): Promise<{ id: number; status: MatchStatus }[]> {
  return tx.$queryRaw<{ id: number; status: MatchStatus }[]>`
    SELECT id, status FROM "Match" WHERE ${where} ORDER BY id FOR UPDATE`;
}

/**
 * The locked match of one of its two members; anyone else — and the blocked side of a blocked
 * match — gets 404, so a match's existence is never revealed to outsiders.
 */
export async function lockOwnMatch(tx: Tx, userId: number, matchId: number, { allowBlocker = false } = {}) {
  const match = await withMatchLock(tx, matchId);
  if (!match || (match.userAId !== userId && match.userBId !== userId)) throw notFound("Match not found.");
  if (match.status === "blocked" && !(allowBlocker && match.closedById === userId)) throw notFound("Match not found.");
  return { match, otherId: match.userAId === userId ? match.userBId : match.userAId };
}

/** Moves a locked match along one drawn edge, with the other fields of the same change. */
export async function transitionMatch(
  tx: Tx,
  match: Pick<Match, "id" | "status">,
  to: MatchStatus,
  data: Omit<Prisma.MatchUpdateManyMutationInput, "status"> = {},
): Promise<void> {
  if (!canTransitionMatch(match.status, to)) throw conflict(`A ${match.status} match cannot become ${to}.`, "invalid_transition");
  const updated = await tx.match.updateManyAndReturn({
    where: { id: match.id, status: match.status },
    data: { ...data, status: to },
    select: { id: true, userAId: true, userBId: true },
  });
  if (updated.length !== 1) throw conflict("This match changed while you were acting on it. Please try again.", "changed");
  await announceMatch(tx, updated[0], to);
}

/** Tells both members that their match changed (its status, or a decision was recorded). */
export async function announceMatch(tx: Tx, match: Pick<Match, "id" | "userAId" | "userBId">, status: MatchStatus): Promise<void> {
  await publishEvent(tx, { type: "match.changed", userIds: [match.userAId, match.userBId], matchId: match.id, status });
}

/**
 * Set-based form for system changes to many locked matches at once (a first call capped by the
 * sweeper, a ban closing a member's open matches): moves those of `ids` still in `from`.
 */
export async function transitionMatches(
  tx: Tx,
  ids: number[],
  from: MatchStatus,
  to: MatchStatus,
  data: Omit<Prisma.MatchUpdateManyMutationInput, "status"> = {},
): Promise<number[]> {
  if (!canTransitionMatch(from, to)) throw new Error(`match transition ${from} → ${to} is not in MATCH_TRANSITIONS`);
  if (!ids.length) return [];
  const moved = await tx.match.updateManyAndReturn({
    where: { id: { in: ids }, status: from },
    data: { ...data, status: to },
    select: { id: true, userAId: true, userBId: true },
  });
  for (const m of moved) await announceMatch(tx, m, to);
  return moved.map((m) => m.id);
}
