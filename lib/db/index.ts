import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/server/process-singleton";

export type { Prisma } from "@/lib/generated/prisma/client";

/**
 * How long anything may wait on PostgreSQL. Chosen so that a request touching a database that is
 * down, unreachable or stuck answers 503 within a few seconds instead of hanging (docs/operations.md,
 * "Database timeouts"). Configurable; the defaults are the product's.
 */
export interface DatabaseTimeouts {
  /** Connections per instance (pg pool `max`). */
  poolMax: number;
  /** Waiting for a pooled connection or opening a new one (pg `connectionTimeoutMillis`). */
  connectMs: number;
  /** One statement on the server, lock waits included (PostgreSQL `statement_timeout`). */
  statementMs: number;
}

export function databaseTimeouts(e = env()): DatabaseTimeouts {
  return { poolMax: e.DATABASE_POOL_MAX, connectMs: e.DATABASE_CONNECT_TIMEOUT_MS, statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS };
}

/** A server that stops answering cannot fire its own statement_timeout; the client gives up a second later. */
const CLIENT_GRACE_MS = 1_000;

export function poolConfig(connectionString: string, t: DatabaseTimeouts): pg.PoolConfig {
  return {
    connectionString,
    max: t.poolMax,
    connectionTimeoutMillis: t.connectMs,
    idleTimeoutMillis: 30_000,
    // A dead peer (network partition) is found by TCP keepalives, not only by the next query.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs + CLIENT_GRACE_MS,
    // A transaction left open by a stuck client must not hold its row locks for long: a little
    // longer than the transaction timeout below, after which Prisma has rolled back anyway.
    idle_in_transaction_session_timeout: transactionOptions(t).timeout + 5_000,
    application_name: "meetcute",
  };
}

/**
 * Interactive transactions: `maxWait` to get a connection (the connect timeout), `timeout` for the
 * whole unit — two statements' worth, far above what any of ours needs (milliseconds).
 */
export function transactionOptions(t: DatabaseTimeouts) {
  return { maxWait: t.connectMs, timeout: 2 * t.statementMs } as const;
}

export function createPrismaClient(connectionString: string, t: DatabaseTimeouts): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(connectionString, t)), transactionOptions: transactionOptions(t) });
}

// One client per process (lib/server/process-singleton.ts), created on first use.
const holder = processSingleton("prisma", () => ({ client: null as PrismaClient | null }));

function client(): PrismaClient {
  return (holder.client ??= createPrismaClient(env().DATABASE_URL, databaseTimeouts()));
}

/** Closes this process's client, if it made one (the tests, between files); the next use makes another. */
export async function disconnectPrisma(): Promise<void> {
  const c = holder.client;
  holder.client = null;
  await c?.$disconnect();
}

/**
 * The Prisma client, created on first use rather than at import: `next build` imports every
 * route module, and building must not need the runtime's DATABASE_URL.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/** A transaction client, as handed to `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
