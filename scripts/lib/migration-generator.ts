// The SQL for the next migration: replay prisma/migrations into an empty database, then let
// Prisma's engine diff that database against schema.prisma. The "from" side is what the
// migrations actually build, so neither git history nor the order in which the schema and its
// migrations were committed matters.
import { applyMigrations, MIGRATIONS_DIR } from "./migrations";
import { datamodel, diffSql, isEmptyMigration } from "./schema-engine";

/**
 * `emptyDatabaseUrl` must name an empty, throwaway database: the migrations are applied to it.
 * Returns "" when schema.prisma needs no migration.
 */
export async function nextMigrationSql(
  schema: string,
  emptyDatabaseUrl: string,
  { dir = MIGRATIONS_DIR } = {},
): Promise<string> {
  await applyMigrations(emptyDatabaseUrl, { dir, log: () => {} });
  const sql = await diffSql({ tag: "database" }, datamodel(schema), emptyDatabaseUrl);
  return isEmptyMigration(sql) ? "" : sql;
}
