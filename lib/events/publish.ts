import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { EVENTS_CHANNEL, memberEventSchema, type MemberEvent } from "@/lib/events/types";

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; ours are a few hundred at most.
const MAX_PAYLOAD_BYTES = 7_000;

/**
 * Announces a member event to every app instance. Runs `pg_notify` on the caller's transaction,
 * so PostgreSQL delivers it only if that transaction commits (and in commit order); a rolled-back
 * change is never announced. Identical notifications within one transaction are delivered once.
 */
export async function publishEvent(tx: Tx, event: MemberEvent): Promise<void> {
  await tx.$executeRaw`SELECT ${notifySql(event)}`;
}

/**
 * The same announcement as an expression, for a statement that announces its own change: in an
 * UPDATE's RETURNING it is sent once per row changed, so only if the change happened, and saves
 * the statement publishEvent costs. Delivered on commit, as publishEvent's.
 */
export function notifySql(event: MemberEvent): Prisma.Sql {
  const payload = JSON.stringify(memberEventSchema().parse(event));
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`member event too large (${payload.length} bytes)`);
  return Prisma.sql`pg_notify(${EVENTS_CHANNEL}, ${payload})`;
}
