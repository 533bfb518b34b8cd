// `db:migration:new` end to end minus the file writing: the migrations are replayed into an
// empty database and Prisma's engine diffs it against a schema.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ensureDatabase } from "./ensure-database";
import { nextMigrationSql } from "./migration-generator";
import { listMigrations, MIGRATIONS_DIR } from "./migrations";

const base = new URL(inject("databaseUrl"));
const urlFor = (db: string) => Object.assign(new URL(base), { pathname: `/${db}` }).toString();
const serverUrl = urlFor("postgres");
const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const used: string[] = [];

async function emptyDatabase(name: string) {
  await ensureDatabase(serverUrl, name, { recreate: true });
  used.push(name);
  return urlFor(name);
}

afterEach(async () => {
  for (const name of used.splice(0)) await ensureDatabase(serverUrl, name, { recreate: true });
});

describe("the migration generator", () => {
  it("writes nothing when schema.prisma matches the migrations", async () => {
    expect(listMigrations().length).toBeGreaterThan(0);
    expect(await nextMigrationSql(schema, await emptyDatabase("meetcute_gen_same"))).toBe("");
  });

  it("writes exactly the ALTER for a new field, and the migrations plus it then match the schema", async () => {
    const changed = schema.replace(/(model Profile \{\n)/, `$1  nickname     String?\n`);
    expect(changed).not.toBe(schema);
    const sql = await nextMigrationSql(changed, await emptyDatabase("meetcute_gen_field"));
    const statements = sql.split("\n").filter((l) => l.trim() && !l.startsWith("--"));
    expect(statements).toEqual([`ALTER TABLE "Profile" ADD COLUMN     "nickname" TEXT;`]);

    // The new migration after the existing ones leaves nothing to generate.
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    for (const m of listMigrations()) {
      mkdirSync(path.join(dir, m.name));
      writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
    }
    mkdirSync(path.join(dir, "99999999999999_nickname"));
    writeFileSync(path.join(dir, "99999999999999_nickname", "migration.sql"), sql);
    expect(await nextMigrationSql(changed, await emptyDatabase("meetcute_gen_after"), { dir })).toBe("");
  });

  it("starts from what the migrations build, not from the schema file's history", async () => {
    // A schema that lost a model the migrations created must drop it.
    const withoutBlock = schema
      .replace(/\nmodel Block \{[\s\S]*?\n\}\n/, "\n")
      .replace(/\n\s*blocks(Made|Received)\s+Block\[\][^\n]*/g, "");
    const sql = await nextMigrationSql(withoutBlock, await emptyDatabase("meetcute_gen_drop"), { dir: MIGRATIONS_DIR });
    expect(sql).toMatch(/DROP TABLE "Block";/);
  });
});
