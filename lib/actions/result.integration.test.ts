// Server actions during a database outage answer what route() answers (a 503 and the polite
// message), not "Something went wrong": produced for real, as in lib/db/unavailable.test.ts —
// a statement stuck behind a row lock past the statement timeout, a backend the server
// terminates mid-query — never a mocked client.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";
import { runAction } from "@/lib/actions/result";
import { log } from "@/lib/log";
import { blockAction } from "@/lib/safety/actions";
import { actionSession as session } from "@/test/action-session";
import { createPair } from "@/test/factories";
import { terminateBackendRunning } from "@/test/terminate-backend";
import { holdRowLock } from "@/test/hold-lock";

const STATEMENT_MS = 2_000;
vi.hoisted(() => {
  // The app's own client (lib/db), with a statement timeout short enough for a test and long
  // enough to terminate a running statement before it fires.
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = "2000";
  process.env.NEXTAUTH_URL ??= "http://localhost";
});
vi.mock("next-auth", async (importOriginal) => (await import("@/test/next-mocks")).mockNextAuth(importOriginal as never));

const OUTAGE = { ok: false, error: DATABASE_UNAVAILABLE_MESSAGE, status: 503 };
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });

beforeAll(() => admin.connect());
afterAll(() => admin.end());

/** The warnings and errors logged while `work` runs. */
async function logged<T>(work: () => Promise<T>) {
  const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined as never);
  const error = vi.spyOn(log, "error").mockImplementation(() => undefined as never);
  try {
    const result = await work();
    return { result, warnings: warn.mock.calls.map((c) => c[1]), errors: error.mock.calls.length };
  } finally {
    warn.mockRestore();
    error.mockRestore();
  }
}

describe("a server action meeting a database outage", () => {
  it("a real action stuck behind a row lock past the statement timeout: the polite 503 result, logged as a warning", async () => {
    const { sarah, match } = await createPair();
    session.as = { id: sarah.id };
    await prisma.user.findFirst(); // the pool's first connection, outside the timing
    const lock = await holdRowLock("Match", match.id);
    try {
      const t = performance.now();
      const { result, warnings, errors } = await logged(() => blockAction(match.id));
      expect(result).toEqual(OUTAGE);
      expect(performance.now() - t).toBeGreaterThanOrEqual(STATEMENT_MS - 50);
      expect(warnings).toEqual(["database unavailable"]);
      expect(errors).toBe(0);
    } finally {
      await lock.release();
    }
    // Nothing was written, and once the lock is gone the same action works.
    expect((await prisma.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("pending");
    expect(await blockAction(match.id)).toEqual({ ok: true, data: { status: "blocked" } });
  });

  it("the server terminates the connection mid-query (shutdown, failover): the polite 503 result", async () => {
    const running = logged(() => runAction(() => prisma.$queryRaw`SELECT pg_sleep(1.5), 'action-outage-victim' AS tag`));
    await terminateBackendRunning(admin, "action-outage-victim");
    const { result, warnings, errors } = await running;
    expect(result).toEqual(OUTAGE);
    expect(warnings).toEqual(["database unavailable"]);
    expect(errors).toBe(0);
  });

  it("a bug is still a logged 500, not an outage", async () => {
    const { result, warnings, errors } = await logged(() => runAction(() => prisma.$queryRawUnsafe("SELEC 1")));
    expect(result).toEqual({ ok: false, error: "Something went wrong on our side. Please try again.", status: 500 });
    expect(warnings).toEqual([]);
    expect(errors).toBe(1);
  });
});
