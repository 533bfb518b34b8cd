// A PostgreSQL server of a journey's own (embedded, its own port and data directory, migrated),
// for journeys that stop and start the database: stopping the shared one would break every
// other journey. Its data survives a stop, as a real server's does.
import { rmSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { startEmbeddedPostgres, type EmbeddedDb } from "../../scripts/lib/embedded-db";
import { ensureDatabase } from "../../scripts/lib/ensure-database";
import { applyMigrations } from "../../scripts/lib/migrations";
import { freePort } from "../../scripts/lib/ports";

export interface OwnDatabase {
  url: string;
  /** For fixtures; like the app's pool, it reconnects by itself after a restart. */
  db: PrismaClient;
  /** Stops the server the way an operator or a crash-free failover does (fast shutdown: every session is terminated). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startOwnDatabase(name: string): Promise<OwnDatabase> {
  const root = path.resolve(".data", `e2e-${name}`);
  rmSync(root, { recursive: true, force: true });
  const options = { dataDir: path.join(root, "pg"), port: await freePort(), quiet: true };
  let server: EmbeddedDb | null = await startEmbeddedPostgres(options);
  await ensureDatabase(server.serverUrl, "meetcute");
  const url = server.databaseUrl("meetcute");
  await applyMigrations(url, { log: () => {} });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    url,
    db,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server ??= await startEmbeddedPostgres(options);
    },
    async dispose() {
      await db.$disconnect().catch(() => {});
      await server?.stop();
      server = null;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
