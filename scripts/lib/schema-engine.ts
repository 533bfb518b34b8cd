// Prisma's own DDL, generated offline by the WebAssembly build of its schema engine
// (the native engine cannot be downloaded on these machines). See ENVIRONMENT.md and
// docs/architecture.md, "Database access". Used by the generator and the drift test only, never at
// runtime.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);

/**
 * One side of a diff: nothing, a Prisma schema, or the live database at the connection string
 * given to `diffSql` (read through the engine's own describer).
 */
export type SchemaSource =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: { path: string; content: string }[] }
  | { tag: "database" };

export function datamodel(content: string): SchemaSource {
  return { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
}

type Bg = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let loaded: Promise<Bg> | undefined;

/** Instantiates the engine's WebAssembly once per process, as the package's own entry does. */
function loadEngine(): Promise<Bg> {
  loaded ??= (async () => {
    // The engine reports Rust panics here before it traps; without it a panic reads as
    // "Cannot read properties of undefined".
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => process.stderr.write(`schema engine panic: ${m}\n`) };
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    // Sets up the table of JS values the engine holds; without it values passed to the driver
    // adapter get mixed up (e.g. a query's parameter types read as the constructor's options).
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return loaded;
}

/**
 * adapter-pg 7 has no mapping for PostgreSQL's internal one-byte `"char"` type (OID 18), which
 * the 8.x engine's describer reads from pg_catalog (`contype`, `relkind`, …) and expects as a
 * Character column. The pool reports such columns as text (so adapter-pg accepts them) and
 * marks their positions on the rows; the adapter then declares them Character.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("charColumns");
type MarkedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

function describerCompatiblePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: typeof query }).query = async (...args) => {
    const result = await query(...args);
    const marked: number[] = [];
    result.fields?.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        marked.push(i);
      }
    });
    if (marked.length) (result.rows as MarkedRows)[CHAR_COLUMNS] = marked;
    return result;
  };
  return pool;
}

function describerCompatibleFactory(pool: pg.Pool) {
  const factory = new PrismaPg(pool, { schema: "public" });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (q) => {
      const result = await queryRaw(q);
      for (const i of (result.rows as MarkedRows)[CHAR_COLUMNS] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
      return result;
    };
    return adapter;
  };
  return factory;
}

const DATASOURCE_ONLY = { path: "schema.prisma", content: 'datasource db {\n  provider = "postgresql"\n}\n' };

/**
 * SQL that turns a database shaped like `from` into one shaped like `to`. `connectionString`
 * names the database the engine connects to: the one a `{ tag: "database" }` side describes,
 * otherwise any database on a PostgreSQL server (nothing is written to it).
 */
export async function diffSql(from: SchemaSource, to: SchemaSource, connectionString: string): Promise<string> {
  const bg = await loadEngine();
  const pool = describerCompatiblePool(connectionString);
  const target = (s: SchemaSource) =>
    s.tag === "database" ? { tag: "schemaDatasource" as const, files: [DATASOURCE_ONLY], configDir: process.cwd() } : s;
  const datamodels = to.tag === "schemaDatamodel" ? to.files.map((f): [string, string] => [f.path, f.content]) : [];
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    () => {},
    bindMigrationAwareSqlAdapterFactory(describerCompatibleFactory(pool)),
  );
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: false,
      filters: { externalTables: [], externalEnums: [] },
    });
    return typeof result === "string" ? result : (result as { stdout: string }).stdout;
  } finally {
    engine.free();
    await pool.end();
  }
}

/** The engine writes this comment instead of SQL when the two sides agree. */
export function isEmptyMigration(sql: string): boolean {
  return !sql.trim() || /^-- This is an empty migration/.test(sql.trim());
}
