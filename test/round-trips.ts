// Counting database round trips in integration tests (the cheap poll's and history's caches).
import pg from "pg";
import { vi } from "vitest";
import { inBackgroundEffect, settleBackgroundEffects } from "@/lib/db/transaction";
import { eventsDelivered } from "@/test/events";

/**
 * Database round trips made by `fn` in this process (every pg client's queries, pooled or not).
 * Background work that is not the poll's is let finish first (Web Push after a ring), as is the
 * delivery of every member event already committed (an event arriving mid-`fn` drops a cache `fn`
 * then re-reads); the event listener's liveness probe (`SELECT 1` on its own connection) is not
 * counted, nor is what a background effect `fn` starts does (a ring's Web Push: it runs beside the
 * response, and a route served over a socket gives it time to start before the answer arrives).
 */
export async function roundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; writes: string[] }> {
  await settleBackgroundEffects();
  await eventsDelivered();
  const recorder = recordStatements();
  try {
    const result = await fn();
    const statements = recorder.statements();
    // ROUND_TRIPS_SQL=1 prints what was counted, a statement per line: where a step's trips go.
    if (process.env.ROUND_TRIPS_SQL) console.log(statements.map((q) => statementText(q).replace(/\s+/g, " ").slice(0, 200)).join("\n"));
    return { result, count: statements.length, writes: statements.map(statementText).filter(isWrite) };
  } finally {
    recorder.restore();
  }
}

/**
 * Records the statements every pg client sends in this process from now on, leaving out the
 * event listener's liveness probe (`SELECT 1` on its own connection) and what background effects
 * send (afterCommit's Web Push: it runs beside the response, and a route served over a socket
 * gives it time to start before the answer arrives).
 */
function recordStatements() {
  const original = pg.Client.prototype.query;
  const recorded: unknown[] = [];
  const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    if (!inBackgroundEffect() && args[0] !== "SELECT 1") recorded.push(args[0]);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  return { statements: () => [...recorded], restore: () => spy.mockRestore() };
}

function statementText(q: unknown): string {
  return typeof q === "string" ? q : ((q as { text?: string } | null)?.text ?? "");
}

/** A statement that writes rows: INSERT, UPDATE or DELETE, alone or inside a WITH. */
function isWrite(text: string): boolean {
  return /^\s*(INSERT|UPDATE|DELETE)\b/i.test(text) || (/^\s*WITH\b/i.test(text) && /\b(INSERT|UPDATE|DELETE)\b/i.test(text));
}

/** The tables a list of write statements wrote, e.g. ["CallSession", "AppInstance"]. */
export function tablesWritten(writes: string[]): string[] {
  return writes.map((w) => /(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(?:public"?\."?)?(\w+)/i.exec(w)?.[1] ?? "?");
}

/**
 * The same, with what the database sent back: data rows and their bytes on the wire. A read that
 * grows with data it does not show (every call of every match) shows here even when it is one
 * round trip (relationJoins folds relations into one statement).
 */
export async function readVolume<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; rows: number; bytes: number }> {
  await settleBackgroundEffects();
  await eventsDelivered();
  const recorder = recordStatements();
  // Every data row any query receives passes through Query#handleDataRow, whatever the API used.
  const QueryProto = (pg as unknown as { Query: { prototype: { handleDataRow(msg: { fields: (string | Buffer | null)[] }): void } } }).Query.prototype;
  const dataRows = vi.spyOn(QueryProto, "handleDataRow");
  try {
    const result = await fn();
    const count = recorder.statements().length;
    let bytes = 0;
    for (const [msg] of dataRows.mock.calls) for (const f of msg.fields) bytes += f?.length ?? 0;
    return { result, count, rows: dataRows.mock.calls.length, bytes };
  } finally {
    recorder.restore();
    dataRows.mockRestore();
  }
}
