// Database faults in integration tests: the server ending a connection mid-query (a shutdown or
// failover), produced for real with pg_terminate_backend.
import type pg from "pg";
import { expect } from "vitest";

/**
 * Waits until a statement whose text contains `tag` is running on another connection, then
 * has PostgreSQL terminate that backend. `admin` is a separate connection of the test's own.
 */
export async function terminateBackendRunning(admin: pg.Client, tag: string): Promise<void> {
  let pid: number | undefined;
  await expect
    .poll(async () => {
      const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${tag}%`]);
      pid = rows[0]?.pid;
      return pid;
    })
    .toBeDefined();
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
}
