// The SQL migrations and schema.prisma must describe the same database. This builds one database
// from prisma/migrations and another from Prisma's own DDL for schema.prisma (empty → schema, via
// the schema engine) and compares their catalogs: tables, columns, types, nullability, defaults,
// enums, primary/unique/foreign keys and indexes.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureDatabase } from "./ensure-database";
import { applyMigrations, listMigrations } from "./migrations";
import { datamodel, diffSql } from "./schema-engine";

const base = new URL(inject("databaseUrl"));
const urlFor = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
const serverUrl = urlFor("postgres");
const fromMigrations = urlFor("meetcute_drift_migrations");
const fromSchema = urlFor("meetcute_drift_schema");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function catalog(url: string) {
  const columns = await query(url, `
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
    ORDER BY table_name, column_name`);
  const enums = await query(url, `
    SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    GROUP BY t.typname ORDER BY t.typname`);
  const indexes = await query(url, `
    SELECT tablename, indexname, indexdef FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    ORDER BY tablename, indexname`);
  const constraints = await query(url, `
    SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'
    ORDER BY 1, 2`);
  return { columns, enums, indexes, constraints };
}

describe("migrations", () => {
  beforeAll(async () => {
    await ensureDatabase(serverUrl, "meetcute_drift_migrations", { recreate: true });
    await ensureDatabase(serverUrl, "meetcute_drift_schema", { recreate: true });
  });
  afterAll(async () => {
    await ensureDatabase(serverUrl, "meetcute_drift_migrations", { recreate: true });
  });

  it("builds exactly the database that schema.prisma describes", async () => {
    await applyMigrations(fromMigrations, { log: () => {} });
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const ddl = await diffSql({ tag: "empty" }, datamodel(schema), fromSchema);
    await query(fromSchema, ddl);

    const [a, b] = [await catalog(fromMigrations), await catalog(fromSchema)];
    expect(a.columns.length).toBeGreaterThan(40);
    expect(a.indexes.length).toBeGreaterThan(10);
    expect(a.enums).toEqual(b.enums);
    expect(a.columns).toEqual(b.columns);
    expect(a.indexes).toEqual(b.indexes);
    expect(a.constraints).toEqual(b.constraints);
  });

  it("records each migration as Prisma does and applies nothing twice, even when run concurrently", async () => {
    const db = urlFor("meetcute_drift_concurrent");
    await ensureDatabase(serverUrl, "meetcute_drift_concurrent", { recreate: true });
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations(db, { log: () => {} })));
    const expected = listMigrations().map((m) => m.name);
    expect(runs.flat().sort()).toEqual(expected.sort());
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      db,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(listMigrations()[i].checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await applyMigrations(db, { log: () => {} })).toEqual([]);
    await ensureDatabase(serverUrl, "meetcute_drift_concurrent", { recreate: true });
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    mkdirSync(path.join(dir, "001_ok"));
    writeFileSync(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE "t1" (id int);`);
    mkdirSync(path.join(dir, "002_broken"));
    writeFileSync(path.join(dir, "002_broken", "migration.sql"), `CREATE TABLE "t2" (id int); SELECT * FROM nowhere;`);
    const db = urlFor("meetcute_drift_broken");
    await ensureDatabase(serverUrl, "meetcute_drift_broken", { recreate: true });
    await expect(applyMigrations(db, { dir, log: () => {} })).rejects.toThrow(/002_broken failed/);
    const tables = await query<{ table_name: string }>(db, `SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "t1"]);
    const rows = await query<{ migration_name: string }>(db, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual(["001_ok"]);
    await ensureDatabase(serverUrl, "meetcute_drift_broken", { recreate: true });
  });
});

describe("the audit log", () => {
  it("is append-only in the database itself", async () => {
    const db = urlFor("meetcute_drift_audit");
    await ensureDatabase(serverUrl, "meetcute_drift_audit", { recreate: true });
    await applyMigrations(db, { log: () => {} });
    await query(db, `INSERT INTO "User" (email, "passwordHash", "updatedAt") VALUES ('a@x.test', 'x', now())`);
    await query(db, `INSERT INTO "AuditLog" ("adminId", action, "targetType", "targetId") SELECT id, 'member.ban', 'user', '1' FROM "User"`);
    await expect(query(db, `UPDATE "AuditLog" SET note = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(query(db, `DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(query(db, `TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await query(db, `SELECT note FROM "AuditLog"`)).toEqual([{ note: null }]);
    await ensureDatabase(serverUrl, "meetcute_drift_audit", { recreate: true });
  });
});
