// Prisma's own DDL, generated offline by the WebAssembly build of its schema engine
// (the native engine cannot be downloaded on these machines). See ENVIRONMENT.md.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

export type SchemaSource = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

export function datamodel(content: string): SchemaSource {
  return { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
}

/** SQL that turns a database shaped like `from` into one shaped like `to`. */
export async function diffSql(from: SchemaSource, to: SchemaSource, connectionString: string): Promise<string> {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  const datamodels = to.tag === "schemaDatamodel" ? to.files.map((f): [string, string] => [f.path, f.content]) : [];
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    () => {},
    bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }, { schema: "public" })),
  );
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: false,
    filters: { externalTables: [], externalEnums: [] },
  });
  return typeof result === "string" ? result : (result as { stdout: string }).stdout;
}
