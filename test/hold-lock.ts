// A lock held by "another transaction" for as long as a test needs it: `sql` runs in a
// transaction on a connection of its own, which stays open until `release()` commits it. The
// tests of lock contention (the check-in, the sweeper across instances, a statement or an
// action stuck behind a row lock) share this one helper.
import pg from "pg";

export interface HeldLock {
  /** Commits the holding transaction (the lock goes) and closes its connection. Idempotent. */
  release(): Promise<void>;
  /** The holder's connection, e.g. to look it up in pg_stat_activity. */
  client: pg.Client;
}

export async function holdLock(sql: string, params: unknown[] = [], url = process.env.DATABASE_URL): Promise<HeldLock> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql, params);
  let released: Promise<void> | undefined;
  return {
    client,
    release: () =>
      (released ??= (async () => {
        try {
          await client.query("COMMIT");
        } finally {
          await client.end();
        }
      })()),
  };
}

/** The row lock a writer takes first (`SELECT … FOR UPDATE`), held on `table`'s row `id`. */
export function holdRowLock(table: string, id: number | string, url?: string): Promise<HeldLock> {
  return holdLock(`SELECT 1 FROM "${table}" WHERE id = $1 FOR UPDATE`, [id], url);
}
