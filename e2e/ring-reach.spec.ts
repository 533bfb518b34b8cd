import { performance } from "node:perf_hooks";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, type TestMember } from "./support/db";
import { startAppInstance } from "./support/instances";

// Ring reach: a call reaches the callee's open tab within a second through the push channel
// (server-sent events fanned out by PostgreSQL LISTEN/NOTIFY), by the 3 s poll when the channel
// is blocked, with the tab's timers stopped, and when the tab is served by another instance.

const PUSH_BUDGET_MS = 1000;
const POLL_BUDGET_MS = 3500;

async function signedIn(browser: Browser, member: TestMember, baseURL?: string): Promise<BrowserContext> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  await loginViaApi(context, member.email, member.password);
  return context;
}

/** A mutual match (so every call is a new session): Sarah calls through the API, John idles. */
async function pair(browser: Browser, calleeBaseURL?: string) {
  const sarah = await createMember("Sarah", { gender: "woman", interestedIn: ["man"] });
  const john = await createMember("John", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(sarah, john, "matched");
  const caller = await signedIn(browser, sarah);
  const calleeContext = await signedIn(browser, john, calleeBaseURL);
  const callee = (await signedIn(browser, john)).request;
  return { match, caller: caller.request, callee, calleeContext };
}

/**
 * Records, in the test's own clock, the moment each incoming-call card first appears in the
 * page. A MutationObserver reports through a binding, so the time is not rounded up to an
 * assertion's retry interval, and neither relies on the page's (possibly paused) timers.
 */
async function watchCards(page: Page): Promise<Map<string, number>> {
  trackPolls(page);
  const shownAt = new Map<string, number>();
  await page.exposeBinding("__meetcuteCardShown", (_source, sessionId: string) => {
    if (!shownAt.has(sessionId)) shownAt.set(sessionId, performance.now());
  });
  await page.addInitScript(() => {
    const report = () => {
      for (const card of document.querySelectorAll('[data-testid="incoming-call"]')) {
        const id = card.getAttribute("data-session-id");
        if (id) void (window as unknown as { __meetcuteCardShown(id: string): Promise<void> }).__meetcuteCardShown(id);
      }
    };
    new MutationObserver(report).observe(document, { childList: true, subtree: true, attributes: true });
  });
  return shownAt;
}

/** The tab's push channel is open and its server is listening (the client saw `ready`). */
async function expectPushChannelHealthy(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-push-channel", "healthy");
}

/**
 * Stops the page's clock: from here on no setTimeout/setInterval callback runs, so neither SWR's
 * poll nor any other timer can fetch anything. (Pausing jumps the fake clock a hair forward.)
 */
/** Pending-calls polls each page has on the wire, counted from before its first navigation. */
const pollsInFlight = new WeakMap<Page, () => number>();

function trackPolls(page: Page) {
  let inFlight = 0;
  const isPoll = (url: string) => url.includes("/api/video/pending-calls");
  const done = (req: { url(): string }) => {
    if (isPoll(req.url())) inFlight -= 1;
  };
  page.on("request", (req) => {
    if (isPoll(req.url())) inFlight += 1;
  });
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  pollsInFlight.set(page, () => inFlight);
}

/**
 * Stops the page's timers, then waits until no pending-calls poll is still on the wire: a poll
 * sent just before the pause and answered after the next call started would show that call
 * without any timer or event (it made this journey flaky).
 */
async function pauseTimers(page: Page) {
  // pauseAt needs a moment still ahead of the page's clock when it lands; on a loaded machine the
  // round trip can outlast a small margin ("Cannot fast-forward to the past"), so widen and retry.
  for (let margin = 250; ; margin *= 2) {
    try {
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + margin);
      break;
    } catch (err) {
      if (margin >= 4000 || !String(err).includes("fast-forward to the past")) throw err;
    }
  }
  const inFlight = pollsInFlight.get(page);
  if (!inFlight) throw new Error("trackPolls(page) must run before the page navigates");
  await expect.poll(inFlight).toBe(0);
}

async function startCall(caller: APIRequestContext, matchId: number) {
  const res = await caller.post("/api/video/start-call", { data: { match_id: matchId } });
  expect(res.status()).toBe(200);
  const respondedAt = performance.now();
  const { session_id: sessionId } = (await res.json()) as { session_id: string };
  return { sessionId, respondedAt };
}

/**
 * Ends a call as an answered one (the callee joins, the caller hangs up), so that calling again
 * and again never meets the limit on unanswered calls in a row.
 */
async function answerAndEnd(caller: APIRequestContext, callee: APIRequestContext, sessionId: string) {
  expect((await callee.post(`/api/video/sessions/${sessionId}/join`, { data: {} })).status()).toBe(200);
  expect((await caller.post(`/api/video/sessions/${sessionId}/end`, { data: { reason: "hangup" } })).status()).toBe(200);
}

/**
 * Waits for the card of `sessionId` and returns how long after the start-call response it
 * appeared. It can be negative: the event leaves at commit, before the response has travelled
 * back to the caller.
 */
async function cardLatency(shownAt: Map<string, number>, call: { sessionId: string; respondedAt: number }, budgetMs: number) {
  await expect.poll(() => shownAt.has(call.sessionId), { timeout: budgetMs + 2000, intervals: [20] }).toBe(true);
  return Math.round(shownAt.get(call.sessionId)! - call.respondedAt);
}

test("five calls in a row each ring the idle callee within 1 s through the push channel", async ({ browser }) => {
  const { match, caller, callee, calleeContext } = await pair(browser);
  const john = await calleeContext.newPage();
  const shownAt = await watchCards(john);
  await john.goto("/dashboard");
  await expectPushChannelHealthy(john);

  const latencies: number[] = [];
  // The stop reaches the card through the stream too: timed from the hang-up's response to the
  // card gone, with the page's re-reads of the list beside it (40 on a quiet machine: 26–154 ms;
  // a full fresh-clone run once missed the 1 s, so the figures are printed, not only judged).
  const gone: number[] = [];
  const rereads: number[] = [];
  john.on("request", (r) => {
    if (r.url().includes("/api/video/pending-calls")) rereads.push(Date.now());
  });
  for (let i = 0; i < 5; i++) {
    const call = await startCall(caller, match.id);
    latencies.push(await cardLatency(shownAt, call, PUSH_BUDGET_MS));
    await answerAndEnd(caller, callee, call.sessionId);
    const ended = Date.now();
    await expect(john.getByTestId("incoming-call")).toHaveCount(0, { timeout: 5_000 });
    gone.push(Date.now() - ended);
    if (gone.at(-1)! > PUSH_BUDGET_MS) console.log(`a slow stop: the list re-read at ${rereads.filter((t) => t > ended - 2_000).map((t) => t - ended).join(", ")} ms from the hang-up`);
  }
  console.log(`ring via push (ms, start-call response → card): ${latencies.join(", ")}`);
  console.log(`stop via push (ms, hang-up response → card gone): ${gone.join(", ")}`);
  for (const ms of latencies) expect(ms).toBeLessThanOrEqual(PUSH_BUDGET_MS);
  for (const ms of gone) expect(ms).toBeLessThanOrEqual(PUSH_BUDGET_MS);
});

test("with the push channel blocked, the poll still rings within 3.5 s", async ({ browser }) => {
  const { match, caller, callee, calleeContext } = await pair(browser);
  const john = await calleeContext.newPage();
  let streamRequests = 0;
  await john.route("**/api/events", (route) => {
    streamRequests++;
    return route.abort();
  });
  const shownAt = await watchCards(john);
  await john.goto("/dashboard");
  await expect.poll(() => streamRequests).toBeGreaterThan(0);

  const call = await startCall(caller, match.id);
  const ms = await cardLatency(shownAt, call, POLL_BUDGET_MS);
  console.log(`ring via poll alone (ms): ${ms}`);
  expect(ms).toBeLessThanOrEqual(POLL_BUDGET_MS);
  await answerAndEnd(caller, callee, call.sessionId);
});

test("with the callee's timers paused no poll can fire, and the ring still arrives through the stream", async ({ browser }) => {
  const { match, caller, callee, calleeContext } = await pair(browser);

  // Control: timers paused and the stream blocked — nothing rings, so pausing really stops the poll.
  const deaf = await calleeContext.newPage();
  await deaf.route("**/api/events", (route) => route.abort());
  await deaf.clock.install();
  const deafShown = await watchCards(deaf);
  // The page's own first read (on hydration, not a timer) must be over before the call starts:
  // the signed-in markup is server-rendered and shows up before it, and under load a late first
  // read would see the call and make this control ring.
  const firstRead = deaf.waitForResponse((res) => res.url().includes("/api/video/pending-calls"));
  await deaf.goto("/dashboard");
  await expect(deaf.getByTestId("signed-in-as")).toBeAttached();
  await firstRead;
  await pauseTimers(deaf);
  const unheard = await startCall(caller, match.id);
  // A bounded wait on purpose: this asserts that nothing happens for longer than a poll period.
  await deaf.waitForTimeout(POLL_BUDGET_MS + 1500);
  expect(deafShown.has(unheard.sessionId)).toBe(false);
  // Time moves again: the poll fires and the call shows, so the page itself was working.
  await deaf.clock.resume();
  await expect(deaf.getByTestId("incoming-call")).toHaveAttribute("data-session-id", unheard.sessionId, { timeout: POLL_BUDGET_MS });
  await answerAndEnd(caller, callee, unheard.sessionId);
  await deaf.close();

  // The same, with the stream open: the ring arrives as an event.
  const john = await calleeContext.newPage();
  await john.clock.install();
  const shownAt = await watchCards(john);
  await john.goto("/dashboard");
  await expectPushChannelHealthy(john);
  await expect(john.getByTestId("incoming-call")).toHaveCount(0);
  await pauseTimers(john);
  const polls: string[] = [];
  john.on("request", (req) => {
    if (req.url().includes("/api/video/pending-calls")) polls.push(req.url());
  });
  const call = await startCall(caller, match.id);
  const ms = await cardLatency(shownAt, call, PUSH_BUDGET_MS);
  console.log(`ring via push with the tab's timers paused (ms): ${ms}`);
  expect(ms).toBeLessThanOrEqual(PUSH_BUDGET_MS);
  // Exactly the one re-read the event asked for: no timer-driven poll ran.
  expect(polls).toHaveLength(1);
  await answerAndEnd(caller, callee, call.sessionId);
});

test("a call started through one instance rings a callee served by another within 1 s", async ({ browser }) => {
  test.setTimeout(120_000);
  const instanceB = await startAppInstance();
  try {
    const { match, caller, callee, calleeContext } = await pair(browser, instanceB.baseURL);
    const john = await calleeContext.newPage();
    const shownAt = await watchCards(john);
    const streams: string[] = [];
    john.on("request", (req) => {
      if (req.url().endsWith("/api/events")) streams.push(new URL(req.url()).origin);
    });
    await john.goto("/dashboard");
    await expectPushChannelHealthy(john);
    // John's page and stream are instance B's; Sarah's calls go to the suite's server, A.
    expect(new URL(john.url()).origin).toBe(instanceB.baseURL);
    expect(streams).toEqual([instanceB.baseURL]);
    expect(test.info().project.use.baseURL).not.toBe(instanceB.baseURL);

    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const call = await startCall(caller, match.id);
      latencies.push(await cardLatency(shownAt, call, PUSH_BUDGET_MS));
      await answerAndEnd(caller, callee, call.sessionId);
      await expect(john.getByTestId("incoming-call")).toHaveCount(0, { timeout: PUSH_BUDGET_MS });
    }
    console.log(`ring across instances (ms): ${latencies.join(", ")}`);
    for (const ms of latencies) expect(ms).toBeLessThanOrEqual(PUSH_BUDGET_MS);
  } finally {
    await instanceB.stop();
  }
});
