import "server-only";
import { log } from "@/lib/log";

// Which errors mean "the database is down, unreachable, restarting or too slow right now" — an
// outage the member can do nothing about but wait, answered 503 — rather than a bug (500). The
// shapes are the ones that really arrive through Prisma 7 and @prisma/adapter-pg (each is
// produced for real in unavailable.integration.test.ts):
// - a Prisma error code (P1001 can't reach, P2024 pool timeout, P2028 transaction timeout, …);
// - a DriverAdapterError `kind` (DatabaseNotReachable, ConnectionClosed, …), alone or in a
//   Prisma error's `meta.driverAdapterError.cause`, with PostgreSQL's SQLSTATE in `originalCode`;
// - a raw node-postgres or socket error that the adapter passes through unconverted
//   ("Connection terminated due to connection timeout", ECONNRESET, …), possibly as a `cause`.

export const DATABASE_UNAVAILABLE_MESSAGE = "Meetcute can't reach its database right now. Please try again in a moment.";

/** Seconds a client should wait before trying again (the 503's Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

const PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // reached, but timed out
  "P1008", // operations timed out
  "P1011", // TLS connection error
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction API error: couldn't start within maxWait, or ran past its timeout
]);

const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);

/** PostgreSQL SQLSTATEs of an outage or an overloaded server, never of a bad request. */
function isOutageSqlState(code: string): boolean {
  return (
    code.startsWith("08") || // connection exception
    code.startsWith("53") || // insufficient resources (too many connections, out of memory, disk full)
    code.startsWith("57P") || // admin/crash shutdown, cannot connect now (starting or stopping)
    code === "57014" || // statement timeout (or a cancelled query)
    code === "55P03" || // lock not available (lock_timeout)
    code === "25P03" // idle-in-transaction timeout ended the session
  );
}

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);

const DRIVER_MESSAGES = [
  /^Connection terminated/, // node-postgres: unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect/, // pg-pool: no connection within connectionTimeoutMillis
  /^Query read timeout/, // node-postgres query_timeout: the server stopped answering
  /is not queryable/, // node-postgres: a client whose connection already failed
  /^Can't reach database server/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (e === null || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of ["code", "errorCode", "originalCode"]) {
      const code = o[key];
      if (typeof code !== "string") continue;
      if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isOutageSqlState(code))) return true;
    }
    if (typeof o.kind === "string" && ADAPTER_KINDS.has(o.kind)) return true;
    if (typeof o.message === "string" && DRIVER_MESSAGES.some((re) => re.test(o.message as string))) return true;
    const meta = o.meta as Record<string, unknown> | undefined;
    queue.push(o.cause, meta?.driverAdapterError);
  }
  return false;
}

/**
 * Logs an outage the way every answer to one does: a warning, not a stack trace (an outage, not a
 * bug), with the driver's message cut short and where it happened (`context`).
 */
export function logDatabaseUnavailable(err: unknown, context: Record<string, unknown>): void {
  log.warn({ err: String((err as Error)?.message ?? err).slice(0, 300), ...context }, "database unavailable");
}
