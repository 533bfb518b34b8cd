// Server test files (`*.integration.test.ts`) run against a real PostgreSQL, each in a database of
// its own: files run in parallel workers and some move the clock ahead and sweep every expired
// call, so sharing one database they could end each other's calls.
//
// Two ways, by Vitest project (vitest.config.ts):
// - `integration` (most files) runs without isolation: a worker keeps its modules from one file to
//   the next, so Prisma, next-auth, Next's server code and the rest are imported once per worker
//   instead of once per file (the import was a third of the integration run's CPU). The worker
//   clones one database (`CREATE DATABASE … TEMPLATE`) for its first file and empties it
//   (`TRUNCATE`) before each later one, so every file still starts on an empty migrated database.
//   Ids are not restarted, so nothing a module kept by id from an earlier file can be mistaken for
//   a new row. The mailbox and the database pool live as long as the worker.
// - `integration-isolated`: files that mock modules, stub the environment or change process.env
//   get a fresh module registry and a database of their own each, as before.
import { randomBytes } from "node:crypto";
// AsyncLocalStorage on globalThis, as `next start` sets it before any Next.js module loads; with
// modules shared across files, whichever file first imports a Next.js module must find it there.
import "next/dist/server/node-environment-baseline";
import pg from "pg";
import { afterAll, inject } from "vitest";

const template = new URL(inject("databaseUrl"));
const templateName = template.pathname.slice(1);
const urlFor = (db: string) => Object.assign(new URL(template), { pathname: `/${db}` }).toString();
const shared = process.env.MEETCUTE_TEST_SHARED_MODULES === "1";

async function onDatabase(db: string, sql: string) {
  const client = new pg.Client({ connectionString: urlFor(db) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Empties every table but Prisma's migration log, in one statement (foreign keys included). As
 * replication does, so the append-only AuditLog's trigger, which refuses TRUNCATE to the app,
 * lets the test harness start a file afresh (superuser only: the test server's own user).
 */
async function emptyDatabase(db: string) {
  await onDatabase(
    db,
    `SET session_replication_role = replica;
     DO $$ DECLARE t text; BEGIN
       SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO t
         FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations';
       IF t IS NOT NULL THEN EXECUTE 'TRUNCATE ' || t || ' CASCADE'; END IF;
     END $$`,
  );
}

const worker = globalThis as { meetcuteTestDatabase?: string };
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.LOG_LEVEL ??= "warn";

if (shared && worker.meetcuteTestDatabase) {
  await emptyDatabase(worker.meetcuteTestDatabase);
  // Start the file as a new instance would:
  // - not draining (a test of the drain leaves it so);
  // - vouching for nobody (its presence belongs to rows now gone);
  // - not listening for member events, with no stream open. A listener an earlier file started
  //   would otherwise let the member answer caches (lib/events/member-answer-cache.ts) keep
  //   answers across a change the test makes straight in the database, which publishes no event:
  //   a banned caller's call stayed in the callee's cached poll answer. Files that need the
  //   listener start it, as an instance's boot does;
  // - on the real clock, whatever an earlier file left it at.
  // The database pool and the hub's subscribers (the caches' event and health hooks) go on.
  const { renewProcessState } = await import("@/lib/server/process-singleton");
  const { stopListener } = await import("@/lib/events/listener");
  const { setClock } = await import("@/lib/clock");
  await stopListener();
  renewProcessState("eventListener");
  renewProcessState("presence");
  renewProcessState("shutdown");
  setClock(() => new Date());
} else {
  const name = `${templateName}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onDatabase("postgres", `CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
  process.env.DATABASE_URL = urlFor(name);
  if (shared) worker.meetcuteTestDatabase = name;
}
// A real SMTP listener (test/smtp.ts): the app's mail goes there over SMTP_URL.
const { startMailbox, stopMailbox, forgetMail } = await import("@/test/smtp");
process.env.SMTP_URL = await startMailbox();
if (shared) forgetMail();

afterAll(async () => {
  // Background after-commit effects (Web Push sends) still running must not outlive the file.
  const { settleBackgroundEffects } = await import("@/lib/db/transaction");
  await settleBackgroundEffects();
  // Shared: the next file of this worker goes on with the pool, the mailbox and the database;
  // the global teardown drops the workers' databases (test/global-setup.ts).
  if (shared) return;
  await stopMailbox();
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
  await onDatabase("postgres", `DROP DATABASE IF EXISTS "${new URL(process.env.DATABASE_URL!).pathname.slice(1)}" WITH (FORCE)`);
});
