// An orchestrator replaces an instance with SIGTERM. Nothing a member is doing may fail because
// of it: the request in flight completes, the member's event stream is closed with a reason (so
// the browser reconnects elsewhere instead of seeing an error), and the process exits by itself.
import { expect, test } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair, db } from "./support/db";
import { startAppInstance } from "./support/instances";

test("SIGTERM drains: the in-flight start-call completes, the event stream closes with 'shutdown', the process exits", async ({ browser }) => {
  // The start-call below waits on a row lock for as long as the test needs; the production
  // statement timeout (5 s) would rightly end that wait with a 503 on a slow machine.
  const instance = await startAppInstance({ env: { DATABASE_STATEMENT_TIMEOUT_MS: "60000" } });
  const { caller, callee, match } = await createPair("Sarah", "John");
  const context = await browser.newContext({ baseURL: instance.baseURL });
  try {
    await loginViaApi(context, caller.email, caller.password);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    // Sarah's tab has its event stream open on this instance.
    const stream = await fetch(`${instance.baseURL}/api/events`, { headers: { cookie, accept: "text/event-stream" } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let received = "";
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
      return received;
    };
    await readUntil("event: ready");

    // Her start-call is in flight: held on the match's row lock by another transaction.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Match" WHERE id = ${match.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 60_000 },
    );
    await lockTaken;
    const inFlight = context.request.post("/api/video/start-call", { data: { match_id: match.id } });
    await expect
      .poll(async () => (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`)[0].n, { timeout: 15_000 })
      .toBeGreaterThan(0n);

    const exit = instance.signal("SIGTERM");
    // The stream is told why it ends, and ends (instead of holding the shutdown open).
    expect(await readUntil("event: closed")).toMatch(/event: closed\ndata: \{"reason":"shutdown"\}/);
    expect((await reader.read()).done).toBe(true);

    // The request that was in flight when the signal came still gets its answer.
    release();
    await holder;
    const res = await inFlight;
    expect(res.status(), await res.text()).toBe(200);
    const session = (await res.json()) as { session_id: string; status: string };
    expect(session.status).toBe("ringing");
    expect(await db.callSession.count({ where: { id: session.session_id, calleeId: callee.id } })).toBe(1);

    // The process finishes on its own (Next exits with 128 + SIGTERM).
    expect(await exit).toBe(143);
  } finally {
    await context.close();
    await instance.stop();
  }
});
