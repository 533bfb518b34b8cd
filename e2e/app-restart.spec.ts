// The app server restarted mid-ring and mid-call (SIGTERM, then `next start` again on the same
// port and database) loses nothing: every call's state lives in PostgreSQL, time rules are
// applied from stored timestamps, and the browser tab rides through the restart on its poll.
// The ringing call is still answerable after the restart; the active call keeps its cap (it ends
// at exactly its deadline) and its history.
import { expect, test } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair } from "./support/db";
import { startAppInstance, type AppInstance } from "./support/instances";
import { startOwnDatabase } from "./support/own-database";

test.setTimeout(180_000);

// Long enough that the ring and the call outlive a restart on a slow machine; short enough to
// wait for the cap. Both are stored per session, so the restarted server applies the same ones.
const RING_SECONDS = 90;
// Sarah is no browser here, so John's media never connects, and his call page gives up on it
// (ending the call as media_failed) 30 s after it starts connecting (CONNECT_TIMEOUT_MS in
// lib/media/browser/direct-transport.ts): the cap must come first for the cap to be what ends it.
// And the mid-call restart (4–6 s here) must end well before it: the test checks that it did.
const CAP_SECONDS = 18;
type SessionAnswer = { session: { status: string; ends_at: string } };

const env = { RING_TIMEOUT_SECONDS: String(RING_SECONDS), FIRST_CALL_CAP_SECONDS: String(CAP_SECONDS) };

test("a restart mid-ring and mid-call: the ring is still answerable, the call ends at its cap, history intact", async ({ browser }) => {
  const own = await startOwnDatabase("restart");
  const { db } = own;
  const env = { DATABASE_URL: own.url, RING_TIMEOUT_SECONDS: String(RING_SECONDS), FIRST_CALL_CAP_SECONDS: String(CAP_SECONDS) };
  let app: AppInstance = await startAppInstance({ env });
  const port = app.port;
  /** Restarts the server; resolves with the moment the old process had exited (ms). */
  const restart = async (label: string): Promise<number> => {
    const t = Date.now();
    expect(await app.signal("SIGTERM")).toBe(143);
    const oldGoneAt = Date.now();
    app = await startAppInstance({ env, port });
    console.log(`${label}: restarted in ${Date.now() - t} ms`);
    return oldGoneAt;
  };
  const { caller, callee, match } = await createPair("Sarah", "John", { client: db });
  const sarah = await browser.newContext({ baseURL: app.baseURL });
  const john = await browser.newContext({ baseURL: app.baseURL });
  try {
    await loginViaApi(sarah, caller.email, caller.password);
    await loginViaApi(john, callee.email, callee.password);
    const johnPage = await john.newPage();
    await johnPage.goto("/dashboard");

    const started = await sarah.request.post("/api/video/start-call", { data: { match_id: match.id } });
    expect(started.status()).toBe(200);
    const sessionId = ((await started.json()) as { session_id: string }).session_id;
    const card = johnPage.getByTestId("incoming-call");
    await expect(card).toHaveAttribute("data-session-id", sessionId);

    await restart("mid-ring");
    // The card is still there (the tab kept its last answer and re-reads it from the new server).
    await expect(card).toHaveAttribute("data-session-id", sessionId);
    await expect(johnPage.getByTestId("calls-reconnecting")).toHaveCount(0, { timeout: 40_000 });
    const ringing = await sarah.request.get(`/api/video/sessions/${sessionId}`);
    expect(ringing.status()).toBe(200);
    expect(((await ringing.json()) as SessionAnswer).session.status).toBe("ringing");

    // John answers from the card, on the restarted server.
    await card.getByRole("button", { name: "Join Call" }).click();
    await johnPage.waitForURL(`**/call/${sessionId}`);
    await expect.poll(async () => (await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("active");
    const answered = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
    const deadline = answered.answeredAt!.getTime() + CAP_SECONDS * 1000;
    expect(answered.capSeconds).toBe(CAP_SECONDS);
    // Sarah checks in as her call page would (John's page does so by itself).
    expect((await sarah.request.get(`/api/video/sessions/${sessionId}`)).status()).toBe(200);

    const oldGoneAt = await restart("mid-call");
    expect(Date.now(), "the call must still be running after the restart, or this proves nothing").toBeLessThan(deadline);
    // John's call page lives through the restart: still on the call, checking in with the new
    // server. A check-in written after the old process exited was written by the new one. (Not
    // "after the restart returned": a check-in the page sent while the server was down is answered
    // the moment the new one listens, which can be a few ms before its health check returns; and
    // the new instance writes only that first check-in, then vouches for John without writing.)
    await expect
      .poll(async () => (await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).calleeSeenAt!.getTime(), { timeout: 10_000 })
      .toBeGreaterThan(oldGoneAt);
    // …and the new instance now vouches for him: a live instance, heartbeating since the old one left.
    const seenBy = (await db.callSession.findUniqueOrThrow({ where: { id: sessionId } })).calleeSeenBy;
    expect(seenBy).not.toBeNull();
    expect((await db.appInstance.findUniqueOrThrow({ where: { id: seenBy! } })).aliveAt.getTime()).toBeGreaterThan(oldGoneAt);
    expect(johnPage.url()).toContain(`/call/${sessionId}`);
    const during = await sarah.request.get(`/api/video/sessions/${sessionId}`);
    expect(during.status()).toBe(200);
    const view = ((await during.json()) as SessionAnswer).session;
    expect(view.status).toBe("active");
    expect(new Date(view.ends_at).getTime()).toBe(deadline);

    // It ends at its cap — exactly the deadline, not the restart, not a vanished member.
    await expect
      .poll(async () => ((await (await sarah.request.get(`/api/video/sessions/${sessionId}`)).json()) as SessionAnswer).session.status, {
        timeout: deadline - Date.now() + 20_000,
        intervals: [1_000],
      })
      .toBe("completed");
    const ended = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(ended.endedAt!.getTime(), `ended by ${ended.endedById ?? "the server"} (${ended.endReason}): ${JSON.stringify({ created: ended.createdAt, answered: ended.answeredAt, ended: ended.endedAt, callerSeen: ended.callerSeenAt, calleeSeen: ended.calleeSeenAt, now: new Date() })}`).toBe(deadline);

    const history = await john.request.get(`/api/video/call-history/${match.id}`);
    expect(history.status()).toBe(200);
    const h = (await history.json()) as { total_calls: number; calls: { session_id: string; status: string; duration_seconds: number }[] };
    expect(h.total_calls).toBe(1);
    expect(h.calls).toEqual([expect.objectContaining({ session_id: sessionId, status: "completed", duration_seconds: CAP_SECONDS })]);
    // A completed first call moves the match on to the decision.
    expect((await db.match.findUniqueOrThrow({ where: { id: match.id } })).status).toBe("awaiting_decision");
  } finally {
    await sarah.close();
    await john.close();
    await app.stop();
    await own.dispose();
  }
});
