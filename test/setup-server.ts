// Each server test file gets its own database, cloned from the migrated one the global setup
// provides (`CREATE DATABASE … TEMPLATE`: ~0.2 s, and as much to drop it when the file ends).
// Files run in parallel workers and some move the clock ahead and sweep every expired call:
// sharing one database, they could end each other's calls.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const template = new URL(inject("databaseUrl"));
const templateName = template.pathname.slice(1);
const name = `${templateName}_${process.pid}_${randomBytes(4).toString("hex")}`;
const urlFor = (db: string) => Object.assign(new URL(template), { pathname: `/${db}` }).toString();

async function onServer(sql: string) {
  const client = new pg.Client({ connectionString: urlFor("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await onServer(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
process.env.DATABASE_URL = urlFor(name);
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.LOG_LEVEL ??= "warn";
// A real SMTP listener per file (test/smtp.ts): the app's mail goes there over SMTP.
const { startMailbox, stopMailbox } = await import("@/test/smtp");
process.env.SMTP_URL = await startMailbox();

afterAll(async () => {
  // Background after-commit effects (Web Push sends) still running must not outlive the pool.
  const { settleBackgroundEffects } = await import("@/lib/db/transaction");
  await settleBackgroundEffects();
  await stopMailbox();
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
