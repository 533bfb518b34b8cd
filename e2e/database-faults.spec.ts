// The fault suite: PostgreSQL stops while members poll and call, then comes back. A real
// `next start` on a PostgreSQL of its own (stopping the shared one would break other journeys).
// While it is down every API request answers 503 `{ error }` within the bound — never a 500,
// never a hung request — the open tab says "reconnecting" quietly, a page load shows a calm
// "Reconnecting…" page and sign-in says why it can't; once it is back everything recovers by
// itself (no restart): polls answer 200, the event listener reconnects, the page comes back, and
// a new call is started and rings in the tab that lived through the outage. Also: a database
// that is slow (a statement stuck behind a lock) gets a 503 at the statement timeout.
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { createPair } from "./support/db";
import { loginViaApi } from "./support/auth";
import { startAppInstance, type AppInstance } from "./support/instances";
import { startOwnDatabase, type OwnDatabase } from "./support/own-database";

test.setTimeout(240_000);

/** The app's production defaults (lib/db/index.ts): what the bound below is made of. */
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 5_000;
/** Worst case: a statement on a connection that died silently (statement timeout + 1 s), plus margin for a loaded machine. */
const BOUND_MS = STATEMENT_TIMEOUT_MS + 1_000 + 2_000;
const OUTAGE_MESSAGE = "Meetcute can't reach its database right now. Please try again in a moment.";
const SIGN_IN_UNAVAILABLE = "We can't sign you in right now: Meetcute can't reach its database. Please try again in a moment.";

interface Sample {
  who: string;
  what: string;
  startedAt: number;
  endedAt: number;
  status: number;
  body: unknown;
}

const samples: Sample[] = [];
const ms = (n: number) => `${Math.round(n)} ms`;

async function timed(request: APIRequestContext, who: string, method: "GET" | "POST", url: string, data?: unknown): Promise<Sample> {
  const startedAt = Date.now();
  // Far above the bound, so a hung request shows up as a long duration rather than a timeout.
  const res = method === "GET" ? await request.get(url, { timeout: 60_000 }) : await request.post(url, { data: data ?? {}, timeout: 60_000 });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const sample = { who, what: `${method} ${url}`, startedAt, endedAt: Date.now(), status: res.status(), body };
  samples.push(sample);
  return sample;
}

/** Runs `step` over and over (paced, not synchronised: the assertions wait for conditions) until stopped. */
function loop(step: () => Promise<unknown>, paceMs: number) {
  let running = true;
  const done = (async () => {
    while (running) {
      await step();
      await new Promise((resolve) => setTimeout(resolve, paceMs));
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

test("PostgreSQL stops under load: 503s within the bound, a quiet reconnecting state, and full recovery without a restart", async ({ browser }) => {
  let own: OwnDatabase | undefined;
  let app: AppInstance | undefined;
  const contexts: BrowserContext[] = [];
  const stoppers: (() => Promise<void>)[] = [];
  try {
    own = await startOwnDatabase("faults");
    const { db } = own;
    app = await startAppInstance({ env: { DATABASE_URL: own.url } });
    const instance = app;
    const newContext = async () => {
      const context = await browser.newContext({ baseURL: instance.baseURL });
      contexts.push(context);
      return context;
    };
    const signedIn = async (member: { email: string; password: string }) => {
      const context = await newContext();
      await loginViaApi(context, member.email, member.password);
      return context;
    };

    // John keeps a page open through the outage; Sarah rings him at the end.
    const ring = await createPair("Sarah", "John", { client: db });
    // Two more pairs keep calling (start-call, then the call page's check-in) and polling.
    const busy = await createPair("Maya", "Alex", { status: "matched", client: db });
    const other = await createPair("Nina", "Omar", { client: db });
    // The slow step's probe calls on a match of its own. On Maya's it would first queue behind
    // her loop's transaction, itself stuck behind the lock: two lock waits, up to the transaction
    // limit of 2 × the statement timeout (docs/operations.md), not the one wait it measures.
    const probePair = await createPair("Lena", "Paul", { status: "matched", client: db });
    const john = await signedIn(ring.callee);
    const sarah = await signedIn(ring.caller);
    const callers = [
      { name: "Maya", ctx: await signedIn(busy.caller), matchId: busy.match.id },
      { name: "Nina", ctx: await signedIn(other.caller), matchId: other.match.id },
    ];
    const pollers = [
      { name: "Alex", ctx: await signedIn(busy.callee) },
      { name: "Omar", ctx: await signedIn(other.callee) },
    ];

    const probe = await signedIn(probePair.caller);

    const johnPage = await john.newPage();
    await johnPage.goto("/dashboard");
    await expect(johnPage.getByRole("heading", { name: /Hi John/ })).toBeVisible();

    for (const p of pollers) stoppers.push(loop(() => timed(p.ctx.request, p.name, "GET", "/api/video/pending-calls"), 250));
    for (const c of callers) {
      let sessionId: string | null = null;
      stoppers.push(
        loop(async () => {
          const started = await timed(c.ctx.request, c.name, "POST", "/api/video/start-call", { match_id: c.matchId });
          if (started.status === 200) sessionId = (started.body as { session_id: string }).session_id;
          if (sessionId) await timed(c.ctx.request, c.name, "GET", `/api/video/sessions/${sessionId}`);
        }, 300),
      );
    }
    const okSince = (t: number) => (who: string) => samples.some((s) => s.who === who && s.startedAt >= t && s.status === 200);
    const everyone = [...pollers.map((p) => p.name), ...callers.map((c) => c.name)];
    await expect.poll(() => everyone.every(okSince(0)), { timeout: 30_000 }).toBe(true);

    const slowFrom = Date.now();
    await test.step("slow: a statement stuck behind a lock answers 503 at the statement timeout, then works again", async () => {
      const locker = new pg.Client({ connectionString: own!.url });
      await locker.connect();
      try {
        await locker.query("BEGIN");
        await locker.query(`LOCK TABLE "CallSession" IN ACCESS EXCLUSIVE MODE`);
        const stuck = await timed(probe.request, "probe", "POST", "/api/video/start-call", { match_id: probePair.match.id });
        expect(stuck.status, JSON.stringify(stuck.body)).toBe(503);
        expect(stuck.body).toEqual({ error: OUTAGE_MESSAGE });
        const took = stuck.endedAt - stuck.startedAt;
        console.log(`slow database: start-call behind a lock answered 503 after ${ms(took)}`);
        expect(took).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
        expect(took).toBeLessThan(BOUND_MS);
      } finally {
        await locker.query("ROLLBACK");
        await locker.end();
      }
      const released = await timed(probe.request, "probe", "POST", "/api/video/start-call", { match_id: probePair.match.id });
      expect([200, 409]).toContain(released.status);
    });
    const slowUntil = Date.now();

    const stopAsked = Date.now();
    await own.stop();
    const down = Date.now();
    console.log(`PostgreSQL stopped (fast shutdown) in ${ms(down - stopAsked)}`);

    await test.step("while it is down: every request answers 503 { error } within the bound", async () => {
      const failedSince = (t: number) => (who: string) => samples.filter((s) => s.who === who && s.startedAt >= t && s.status === 503).length >= 3;
      await expect.poll(() => everyone.every(failedSince(down)), { timeout: 30_000 }).toBe(true);
      const first503 = Math.min(...samples.filter((s) => s.startedAt >= down && s.status === 503).map((s) => s.endedAt));
      console.log(`first 503 ${ms(first503 - down)} after PostgreSQL was down`);

      // Every API route a member uses, with valid input: nothing can be answered without the database.
      const match = ring.match.id;
      const sweep: [BrowserContext, "GET" | "POST", string, unknown?][] = [
        [sarah, "GET", "/api/health"],
        [sarah, "GET", "/api/ready"],
        [sarah, "GET", "/api/matches"],
        [sarah, "GET", "/api/video/pending-calls"],
        [sarah, "GET", "/api/video/active-sessions"],
        [sarah, "GET", `/api/video/call-history/${match}`],
        [sarah, "GET", "/api/me/missed-calls"],
        [sarah, "GET", "/api/me/do-not-disturb"],
        [sarah, "GET", "/api/profile"],
        [sarah, "POST", "/api/video/start-call", { match_id: match }],
        [sarah, "POST", "/api/matches/find"],
        [sarah, "POST", `/api/matches/${match}/unmatch`],
        [john, "POST", `/api/video/sessions/6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11/join`],
      ];
      for (const [ctx, method, url, data] of sweep) {
        const s = await timed(ctx.request, "sweep", method, url, data);
        expect(s.status, `${method} ${url}: ${JSON.stringify(s.body)}`).toBe(503);
        expect(s.body, `${method} ${url}`).toEqual({ error: url === "/api/ready" ? "The database is unreachable." : OUTAGE_MESSAGE });
        expect(s.endedAt - s.startedAt, `${method} ${url}`).toBeLessThan(BOUND_MS);
      }
      // The event stream too (a browser's EventSource then retries by itself).
      const cookie = (await sarah.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      const stream = await fetch(`${instance.baseURL}/api/events`, { headers: { cookie, accept: "text/event-stream" } });
      expect(stream.status).toBe(503);
      await stream.body?.cancel();
    });

    const sarahPage = await sarah.newPage();
    await test.step("the member sees a quiet 'reconnecting' note, a calm page and a plain sign-in message", async () => {
      const note = johnPage.getByTestId("calls-reconnecting");
      await expect(note).toBeVisible({ timeout: 15_000 });
      await expect(note).toHaveText("Reconnecting… calls may arrive late.");
      // Quiet: no error text, no server message, no toast; the page itself stays as it was.
      await expect(johnPage.getByText(OUTAGE_MESSAGE)).toHaveCount(0);
      await expect(johnPage.getByText(/went wrong/i)).toHaveCount(0);
      await expect(johnPage.getByRole("heading", { name: /Hi John/ })).toBeVisible();

      await sarahPage.goto("/matches");
      await expect(sarahPage.getByTestId("page-reconnecting")).toBeVisible();
      await expect(sarahPage.getByRole("heading", { name: "Reconnecting…" })).toBeVisible();

      const visitor = await newContext();
      const signIn = await visitor.newPage();
      await signIn.goto("/signin");
      await signIn.getByLabel("Email").fill(ring.callee.email);
      await signIn.getByLabel("Password").fill(ring.callee.password);
      await signIn.getByRole("button", { name: "Sign in" }).click();
      await expect(signIn.getByText(SIGN_IN_UNAVAILABLE)).toBeVisible();
    });

    await own.start();
    const up = Date.now();
    console.log(`PostgreSQL back after an outage of ${ms(up - down)}`);

    let recovered = 0;
    await test.step("back: everything recovers by itself", async () => {
      await expect.poll(() => everyone.every(okSince(up)), { timeout: 30_000 }).toBe(true);
      recovered = Date.now();
      const firstOk = Math.min(...samples.filter((s) => s.startedAt >= up && s.status === 200).map((s) => s.endedAt));
      const allOk = Math.max(...everyone.map((who) => Math.min(...samples.filter((s) => s.who === who && s.startedAt >= up && s.status === 200).map((s) => s.endedAt))));
      console.log(`recovery: first 200 ${ms(firstOk - up)} after PostgreSQL was back, every poller and caller ${ms(allOk - up)}`);

      await expect
        .poll(async () => ((await (await sarah.request.get("/api/ready")).json()) as { events_listener?: string }).events_listener, { timeout: 30_000 })
        .toBe("connected");
      console.log(`event listener reconnected ${ms(Date.now() - up)} after PostgreSQL was back (or sooner)`);

      // The tab that lived through the outage clears its note; the calm page comes back by itself.
      await expect(johnPage.getByTestId("calls-reconnecting")).toHaveCount(0, { timeout: 40_000 });
      await expect(sarahPage.getByRole("heading", { name: "Your matches" })).toBeVisible({ timeout: 20_000 });
      console.log(`pages recovered ${ms(Date.now() - up)} after PostgreSQL was back (or sooner)`);
    });

    for (const stop of stoppers.splice(0)) await stop();

    await test.step("a new call is started and rings in the tab that lived through the outage", async () => {
      const started = await timed(sarah.request, "Sarah", "POST", "/api/video/start-call", { match_id: ring.match.id });
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      const card = johnPage.getByTestId("incoming-call");
      await expect(card).toBeVisible({ timeout: 10_000 });
      await expect(card).toHaveAttribute("data-session-id", (started.body as { session_id: string }).session_id);
      console.log(`the ring reached John's tab ${ms(Date.now() - started.endedAt)} after start-call answered`);
    });

    // Across the whole run: no 500 (or any 5xx but 503), no request over the bound, and 503s only while it was down or slow.
    const bad = samples.filter((s) => s.status >= 500 && s.status !== 503);
    expect(bad, JSON.stringify(bad.slice(0, 3))).toEqual([]);
    const slow = samples.filter((s) => s.endedAt - s.startedAt >= BOUND_MS);
    expect(slow.map((s) => `${s.what} ${s.endedAt - s.startedAt} ms`)).toEqual([]);
    const outage503 = samples.filter((s) => s.status === 503 && s.startedAt >= stopAsked);
    console.log(
      `${samples.length} requests; ${outage503.length} answered 503 during the outage, slowest ${ms(Math.max(...outage503.map((s) => s.endedAt - s.startedAt)))}`,
    );
    // A 503 only for a request that overlapped the slow step or the outage (until all recovered).
    const overlaps = (x: Sample, from: number, until: number) => x.startedAt <= until && x.endedAt >= from;
    const unexpected503 = samples.filter((x) => x.status === 503 && !overlaps(x, slowFrom, slowUntil) && !overlaps(x, stopAsked, recovered));
    expect(unexpected503.map((x) => `${x.who} ${x.what}`)).toEqual([]);
  } finally {
    for (const stop of stoppers) await stop().catch(() => {});
    for (const c of contexts) await c.close().catch(() => {});
    await app?.stop();
    await own?.dispose();
  }
});
