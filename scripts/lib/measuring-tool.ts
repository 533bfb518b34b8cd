// The start every measuring script shares (npm run lighthouse, npm run join-video): Ctrl-C stops
// what it started, the Prisma client is generated, our Chromium is found (or installed), and a
// fresh database is made and migrated on the embedded PostgreSQL (or on DATABASE_URL's server).
import { generatePrismaClient } from "../generate";
import { killServers } from "../bench/servers";
import { realSystem, resolveChromium } from "./chromium";
import { provideDatabase, ROOT } from "./database";
import { applyMigrations } from "./migrations";

export interface MeasuringTool {
  /** The fresh, migrated database. */
  url: string;
  chromePath: string;
  /** Stops the app servers and the database. */
  stop(): Promise<void>;
}

/** `onInterrupt` runs first on Ctrl-C (the tool's browser); the servers and the database follow. */
export async function startMeasuringTool(database: string, onInterrupt: () => void): Promise<MeasuringTool> {
  let embedded = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      onInterrupt();
      killServers();
      // The embedded database's own handler stops PostgreSQL and exits; an external one has none.
      if (!embedded) process.exit(130);
    });
  }
  generatePrismaClient();
  const chromePath = resolveChromium(realSystem(ROOT));
  const server = await provideDatabase("tool", "postgres");
  embedded = server.embedded;
  const stop = async () => {
    killServers();
    await server.stop();
  };
  try {
    const url = await server.extra(database, { recreate: true });
    await applyMigrations(url, { log: () => {} });
    return { url, chromePath, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
