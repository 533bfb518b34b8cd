// Unit tests run with no database at all: no DATABASE_URL, no per-file clone. A unit test that
// reaches for the database fails loudly (lib/env.ts: "DATABASE_URL is required") instead of
// quietly waiting for one; a test that needs PostgreSQL is named `*.integration.test.ts`.
delete process.env.DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
delete process.env.EVENTS_DATABASE_URL;
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.LOG_LEVEL ??= "warn";
