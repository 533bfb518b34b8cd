// Server test files must not share a database with a file running at the same time
// (test/setup-server.ts): one file's sweeps with the clock moved ahead would otherwise end another
// file's calls. A worker's files, one after another, share one that is emptied between them.
import { expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";

it("runs this file in its worker's own database, cloned from the migrated one, and starts it empty", async () => {
  const template = new URL(inject("databaseUrl")).pathname.slice(1);
  const mine = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  expect(mine).not.toBe(template);
  expect(mine.startsWith(`${template}_`)).toBe(true);
  const [{ db }] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
  expect(db).toBe(mine);
  // Cloned after migrating: the schema is there, with no rows left by an earlier file.
  const [{ rows }] = await prisma.$queryRaw<{ rows: number }[]>`
    SELECT sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', tablename), false, true, '')))[1]::text::int)::int AS rows
    FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  expect(rows).toBe(0);
  expect(await prisma.user.count()).toBe(0);
  // Emptying it did not switch the audit log's append-only rule off for the app.
  await expect(prisma.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
});
