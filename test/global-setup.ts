// Integration tests need a real PostgreSQL. `npm test` passes one in TEST_DATABASE_URL; run
// alone (`npx vitest`), this starts an embedded one and migrates it. Both integration projects
// (vitest.config.ts) name this file: the database is provided once for the two.
import type { TestProject } from "vitest/node";

interface Provided {
  url: string;
  stop?: () => Promise<void>;
  users: number;
}
const g = globalThis as { meetcuteTestTemplate?: Promise<Provided> };

async function provide(): Promise<Provided> {
  const { provideDatabase } = await import("../scripts/lib/database");
  const { applyMigrations } = await import("../scripts/lib/migrations");
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, users: 0 };
  const db = await provideDatabase("test", "meetcute_unit");
  const url = await db.extra("meetcute_unit", { recreate: true });
  await applyMigrations(url, { log: () => {} });
  return { url, stop: db.stop, users: 0 };
}

/** Drops what the test files' workers left: the databases cloned from the template. */
async function dropClones(templateUrl: string) {
  const pg = (await import("pg")).default;
  const template = new URL(templateUrl);
  const client = new pg.Client({ connectionString: Object.assign(new URL(template), { pathname: "/postgres" }).toString() });
  await client.connect();
  try {
    const prefix = `${template.pathname.slice(1)}_`;
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  g.meetcuteTestTemplate ??= provide();
  const provided = await g.meetcuteTestTemplate;
  provided.users++;
  project.provide("databaseUrl", provided.url);
  return async () => {
    if (--provided.users > 0) return;
    await dropClones(provided.url);
    await provided.stop?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
