// Every way the database can fail a request, produced for real (no mocked driver): a server that
// refuses, one that never answers, a network that goes silent mid-connection, a statement stuck
// behind a lock, a connection killed by the server, an exhausted pool, an expired transaction.
// Each must be recognised as an outage (→ 503) within its configured bound; ordinary errors
// must not be.
import net from "node:net";
import pg from "pg";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type DatabaseTimeouts } from "@/lib/db";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/responder";
import { freePort } from "@/scripts/lib/ports";
import { freezableProxy } from "@/test/tcp-proxy";
import { terminateBackendRunning } from "@/test/terminate-backend";
import { holdRowLock } from "@/test/hold-lock";
import { captureLog, messages } from "@/test/log";

const url = new URL(process.env.DATABASE_URL!);
const FAST: DatabaseTimeouts = { poolMax: 2, connectMs: 500, statementMs: 500 };
/** Upper bounds leave this much for a loaded 2-core machine; the lower bounds show which timeout fired. */
const SLACK_MS = 3_000;
const clients: { $disconnect(): Promise<void> }[] = [];
const clientFor = (connectionString: string, t: DatabaseTimeouts = FAST) => {
  const c = createPrismaClient(connectionString, t);
  clients.push(c);
  return c;
};
const urlWithPort = (port: number) => Object.assign(new URL(url), { port: String(port) }).toString();

/** The rejection of `work`, and how long it took to come. */
async function failure(work: () => Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const t = performance.now();
  try {
    await work();
  } catch (err) {
    return { err, ms: performance.now() - t };
  }
  throw new Error("expected the database call to fail");
}

/**
 * What route() answers when a handler meets `err`, and the log lines it wrote (level, message):
 * kept out of the test run's output, where a deliberate failure's stack read like a real one.
 */
async function responseTo(err: unknown) {
  const handler = route(async () => {
    throw err;
  });
  const lines = captureLog();
  try {
    const res = await handler(new NextRequest("http://localhost/api/test"), { params: Promise.resolve({}) });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as unknown, logged: messages(lines) };
  } finally {
    lines.stop();
  }
}

async function expectOutage(err: unknown) {
  expect(isDatabaseUnavailable(err), String(err)).toBe(true);
  // An outage is logged once, as a warning without the stack, for the operator.
  expect(await responseTo(err)).toEqual({ status: 503, retryAfter: "5", body: { error: DATABASE_UNAVAILABLE_MESSAGE }, logged: [["warn", "database unavailable"]] });
}

const admin = new pg.Client({ connectionString: url.toString() });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE TABLE fault_probe (id int PRIMARY KEY, n int NOT NULL)`);
  await admin.query(`INSERT INTO fault_probe VALUES (1, 0)`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect().catch(() => {})));
  await admin.end();
});

describe("a database outage is a 503, within its bound", () => {
  it("nothing listens on the port: refused at once, for plain queries, model reads and transactions", async () => {
    // A long connect timeout, to tell "refused at once" from "waited it out" on a busy machine
    // (the first query also loads Prisma's query compiler).
    const connectMs = 10_000;
    const db = clientFor(urlWithPort(await freePort()), { ...FAST, connectMs });
    for (const work of [() => db.$queryRaw`SELECT 1`, () => db.user.findFirst(), () => db.$transaction(async (tx) => tx.user.count())]) {
      const { err, ms } = await failure(work);
      expect(ms).toBeLessThan(connectMs / 3);
      await expectOutage(err);
    }
  });

  it("a server that accepts but never answers: the connect timeout", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const db = clientFor(urlWithPort((silent.address() as net.AddressInfo).port));
      const { err, ms } = await failure(() => db.user.findFirst());
      expect(ms).toBeGreaterThanOrEqual(FAST.connectMs - 50);
      expect(ms).toBeLessThan(FAST.connectMs + SLACK_MS);
      await expectOutage(err);
    } finally {
      silent.close();
    }
  });

  it("the network goes silent under an open connection: the client-side query timeout", async () => {
    const proxy = await freezableProxy({ host: url.hostname, port: Number(url.port) });
    try {
      const db = clientFor(urlWithPort(proxy.port));
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      proxy.freeze();
      const { err, ms } = await failure(() => db.user.findFirst());
      // The server's statement_timeout can't reach us; the client gives up 1 s after it.
      expect(ms).toBeGreaterThanOrEqual(FAST.statementMs + 1_000 - 50);
      expect(ms).toBeLessThan(FAST.statementMs + 1_000 + SLACK_MS);
      await expectOutage(err);
    } finally {
      await proxy.close();
    }
  });

  it("a statement stuck behind a lock: the statement timeout, and the lock holder is unharmed", async () => {
    const db = clientFor(url.toString());
    const lock = await holdRowLock("fault_probe", 1, url.toString());
    try {
      const { err, ms } = await failure(() => db.$executeRaw`UPDATE fault_probe SET n = n + 1 WHERE id = 1`);
      expect(ms).toBeGreaterThanOrEqual(FAST.statementMs - 50);
      expect(ms).toBeLessThan(FAST.statementMs + SLACK_MS);
      await expectOutage(err);
    } finally {
      await lock.release();
    }
    // Once the lock is gone, the same client works again.
    expect(await db.$executeRaw`UPDATE fault_probe SET n = n + 1 WHERE id = 1`).toBe(1);
  });

  it("a slow statement: the statement timeout", async () => {
    const db = clientFor(url.toString());
    const { err, ms } = await failure(() => db.$queryRaw`SELECT pg_sleep(3)`);
    expect(ms).toBeLessThan(FAST.statementMs + SLACK_MS);
    await expectOutage(err);
  });

  it("the server ends the connection mid-query (shutdown, failover)", async () => {
    const db = clientFor(url.toString(), { ...FAST, statementMs: 10_000 });
    const running = failure(() => db.$queryRaw`SELECT pg_sleep(5), 'fault-probe-victim' AS tag`);
    await terminateBackendRunning(admin, "fault-probe-victim");
    const { err, ms } = await running;
    expect(ms).toBeLessThan(5_000);
    await expectOutage(err);
    // The pool drops the dead connection and opens a new one.
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("every pooled connection busy: the connect timeout, for queries and for transactions", async () => {
    const db = clientFor(url.toString(), { ...FAST, poolMax: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        started();
        await held;
      },
      { timeout: 10_000 },
    );
    await holding;
    try {
      for (const work of [() => db.user.findFirst(), () => db.$transaction(async (tx) => tx.user.count())]) {
        const { err, ms } = await failure(work);
        expect(ms).toBeLessThan(FAST.connectMs + SLACK_MS);
        await expectOutage(err);
      }
    } finally {
      release();
      await holder;
    }
  });

  it("a transaction running past its timeout", async () => {
    const db = clientFor(url.toString());
    const { err } = await failure(() =>
      db.$transaction(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 2 * FAST.statementMs + 300));
        await tx.user.count();
      }),
    );
    await expectOutage(err);
  });
});

describe("ordinary errors stay what they are", () => {
  it("a unique violation, a syntax error, a bug and an HttpError are not outages", async () => {
    const db = clientFor(url.toString());
    const duplicate = await failure(() => db.$executeRaw`INSERT INTO fault_probe VALUES (1, 0)`);
    const syntax = await failure(() => db.$queryRawUnsafe("SELEC 1"));
    for (const err of [duplicate.err, syntax.err, new TypeError("x is undefined"), new HttpError(409, "busy")]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    }
    // A bug is a logged 500; a refusal is the client's answer, not a log line.
    expect(await responseTo(syntax.err)).toMatchObject({ status: 500, logged: [["error", "unhandled error in route handler"]] });
    expect(await responseTo(new HttpError(409, "busy"))).toMatchObject({ status: 409, logged: [] });
  });
});
