// Integration tests need a real PostgreSQL. `npm test` passes one in TEST_DATABASE_URL; run
// alone (`npx vitest`), this starts an embedded one and migrates it.
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
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

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
