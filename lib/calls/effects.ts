import "server-only";
import type { Tx } from "@/lib/db";
import { afterCommit } from "@/lib/db/transaction";
import type { CallStatus, Prisma } from "@/lib/generated/prisma/client";
import { closeMediaRooms } from "@/lib/media/rooms";
import { sendRingPush, sendRingStoppedPush } from "@/lib/push/ring-push";
import { notifySql, publishEvent } from "@/lib/events/publish";
import type { MemberEvent } from "@/lib/events/types";

/** One session's status change, as every writer reports it. */
export interface SessionChange {
  id: string;
  matchId: number;
  callerId: number;
  calleeId: number;
  /** null: the session was just created (it starts ringing). */
  from: CallStatus | null;
  to: CallStatus;
}

/**
 * The consequences of session status changes, registered inside the transaction that made them —
 * the one place they are, whichever writer made the change (transition(), the expiry SQL, a
 * member's ban): both members' open tabs are told through their push channel (pg_notify in this
 * transaction, so only if it commits); a call that was active and has ended gets its media room
 * closed after commit, so nobody stays connected to media once the database says the call is
 * over; a call that starts or stops ringing is pushed to the callee's devices (Web Push).
 */
export async function sessionsChanged(tx: Tx, changes: SessionChange[]) {
  for (const c of changes) await publishEvent(tx, sessionEvent(c));
  afterSessionsChanged(tx, changes);
}

/** The announcement of one change, for a writer whose statement sends it itself (transition()). */
export function sessionChangeNotice(c: SessionChange): Prisma.Sql {
  return notifySql(sessionEvent(c));
}

/** sessionsChanged's after-commit part, for a writer that announced the changes itself. */
export function afterSessionsChanged(tx: Tx, changes: SessionChange[]) {
  const endedActive = changes.filter((c) => c.from === "active" && c.to !== "active").map((c) => c.id);
  if (endedActive.length) afterCommit(tx, "close media rooms", () => closeMediaRooms(endedActive));
  // Web Push reaches the callee's devices even with every Meetcute tab closed; sent in the
  // background so it never delays the response (each send re-reads the committed session).
  for (const c of changes) {
    if (c.from === null && c.to === "ringing") afterCommit(tx, "ring push", () => sendRingPush(c.id), { background: true });
    if (c.from === "ringing" && c.to !== "ringing") afterCommit(tx, "ring stopped push", () => sendRingStoppedPush(c.id), { background: true });
  }
}

/** Started ringing, stopped ringing (answered or not), or changed after it was answered. */
function sessionEvent(c: SessionChange): MemberEvent {
  const about = { userIds: [c.callerId, c.calleeId], sessionId: c.id, matchId: c.matchId };
  if (c.from === null) return { type: "call.ringing", ...about };
  if (c.from === "ringing") return { type: "call.stopped_ringing", ...about, status: c.to };
  return { type: "session.changed", ...about, status: c.to };
}
