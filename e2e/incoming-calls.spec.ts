import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, createPair, type TestMember } from "./support/db";

// What phones do, on the web: the callee declines, the caller cancels, nobody answers, the
// callee has two tabs open, the callee doesn't want calls, the callee is in another call.
// The e2e server rings for 12 s (RING_TIMEOUT_SECONDS in playwright.config.ts).

const RING_TIMEOUT_MS = 12_000;
const ONE_POLL_MS = 4000;
const CALL_URL = /\/call\/([0-9a-f-]{36})$/;

async function signedIn(browser: Browser, member: TestMember): Promise<BrowserContext> {
  const context = await browser.newContext();
  await loginViaApi(context, member.email, member.password);
  return context;
}

/** Two members with a pending match: the caller on her matches page, the callee on his dashboard. */
async function ready(browser: Browser) {
  const { caller, callee, match } = await createPair("Sarah", "John");
  const sarah = await (await signedIn(browser, caller)).newPage();
  const johnContext = await signedIn(browser, callee);
  const john = await johnContext.newPage();
  await john.goto("/dashboard");
  await sarah.goto("/matches");
  return { caller, callee, match, sarah, john, johnContext };
}

async function call(sarah: Page, calleeName = "John") {
  await sarah.getByTestId("match-card").filter({ hasText: calleeName }).getByRole("button", { name: "Start Video Call 💕" }).click();
  await expect(sarah).toHaveURL(CALL_URL);
  await expect(sarah.getByTestId("call-state")).toHaveText(`Calling ${calleeName}…`);
}

test("the callee declines: the card goes and the caller is told", async ({ browser }) => {
  const { sarah, john } = await ready(browser);
  await call(sarah);
  const card = john.getByTestId("incoming-call");
  await expect(card).toBeVisible({ timeout: ONE_POLL_MS + 1000 });
  await card.getByRole("button", { name: "Decline" }).click();
  await expect(card).toHaveCount(0);
  const outcome = sarah.getByTestId("call-outcome");
  await expect(outcome).toBeVisible({ timeout: ONE_POLL_MS });
  await expect(outcome.getByRole("heading")).toHaveText("John declined");
  await expect(outcome.getByRole("link", { name: "Back to matches" })).toBeVisible();
});

test("the caller cancels: the callee's card disappears within one poll", async ({ browser }) => {
  const { sarah, john } = await ready(browser);
  await call(sarah);
  const card = john.getByTestId("incoming-call");
  await expect(card).toBeVisible({ timeout: ONE_POLL_MS + 1000 });
  await sarah.getByRole("button", { name: "Cancel" }).click();
  await expect(sarah.getByTestId("call-outcome").getByRole("heading")).toHaveText("Call cancelled");
  await expect(card).toHaveCount(0, { timeout: ONE_POLL_MS });
  // Cancelled is not missed: nothing waits in John's missed calls.
  await john.reload();
  await expect(john.getByTestId("missed-call")).toHaveCount(0);
});

test("nobody answers: the ringing stops and both sides see the missed call", async ({ browser }) => {
  test.setTimeout(60_000);
  const { sarah, john } = await ready(browser);
  await call(sarah);
  const card = john.getByTestId("incoming-call");
  await expect(card).toBeVisible({ timeout: ONE_POLL_MS + 1000 });
  // The dashboard tells the server once it has shown the missed call.
  const markedSeen = john.waitForResponse((r) => r.url().endsWith("/api/me/missed-calls/seen") && r.request().method() === "POST");

  // Caller: "No answer" once the ring timeout passes.
  await expect(sarah.getByTestId("call-outcome").getByRole("heading")).toHaveText("No answer", { timeout: RING_TIMEOUT_MS + ONE_POLL_MS });
  // Callee: the card goes, and the dashboard lists who called and when — without a reload.
  await expect(card).toHaveCount(0, { timeout: ONE_POLL_MS });
  const missed = john.getByTestId("missed-call");
  await expect(missed).toHaveCount(1, { timeout: 6000 });
  await expect(missed).toContainText("Sarah");
  await expect(missed).toContainText(/\d+[sm] ago/);

  // Seen once shown: the next visit starts with an empty list.
  expect((await markedSeen).status()).toBe(200);
  await john.reload();
  await expect(john.getByTestId("missed-calls")).toContainText("No missed calls.");
  // The history keeps it either way.
  await sarah.getByRole("link", { name: "Back to matches" }).click();
  await sarah.getByTestId("match-card").filter({ hasText: "John" }).getByRole("link", { name: /John/ }).click();
  await expect(sarah.getByTestId("call-history-row").first()).toHaveAttribute("data-status", "missed");
});

test("the callee has two tabs: answering in one clears the other's card", async ({ browser }) => {
  const { sarah, john, johnContext } = await ready(browser);
  const secondTab = await johnContext.newPage();
  await secondTab.goto("/matches");
  await call(sarah);

  const cardHere = john.getByTestId("incoming-call");
  const cardThere = secondTab.getByTestId("incoming-call");
  await expect(cardHere).toBeVisible({ timeout: ONE_POLL_MS + 1000 });
  await expect(cardThere).toBeVisible({ timeout: ONE_POLL_MS + 1000 });

  await cardHere.getByRole("button", { name: "Join Call" }).click();
  await expect(john).toHaveURL(CALL_URL);
  await expect(cardThere).toHaveCount(0, { timeout: ONE_POLL_MS });
  await expect(secondTab).toHaveURL(/\/matches$/);
});

test("do not disturb: the caller is told, and nothing rings", async ({ browser }) => {
  const { sarah, john } = await ready(browser);

  await john.getByRole("button", { name: "Calls on. Pause calls" }).click();
  await john.getByRole("button", { name: "Pause calls for 1 hour" }).click();
  await expect(john.getByTestId("dnd").getByRole("button").first()).toHaveAttribute("data-state", "paused");

  const start = sarah.getByTestId("match-card").filter({ hasText: "John" }).getByRole("button", { name: "Start Video Call 💕" });
  await start.click();
  // A pending match is two strangers: the caller hears "not available", not why.
  await expect(sarah.getByRole("alert").filter({ hasText: "John isn't available right now." })).toBeVisible();
  await expect(sarah).toHaveURL(/\/matches$/);
  // John's page reads again after the refused call (a fresh load: with the push channel healthy
  // the poll is only every 20 s, and a refused call announces nothing), and still nothing rings.
  const [nextPoll] = await Promise.all([
    john.waitForResponse((r) => r.url().endsWith("/api/video/pending-calls"), { timeout: ONE_POLL_MS }),
    john.reload(),
  ]);
  expect(await nextPoll.json()).toEqual({ pending_calls: [] });
  await expect(john.getByTestId("incoming-call")).toHaveCount(0);

  // Calls back on: now it rings.
  await john.getByRole("button", { name: /Calls paused/ }).click();
  await john.getByRole("button", { name: "Turn calls back on" }).click();
  await expect(john.getByTestId("dnd").getByRole("button").first()).toHaveAttribute("data-state", "on");
  await start.click();
  await expect(john.getByTestId("incoming-call")).toBeVisible({ timeout: ONE_POLL_MS + 1000 });
});

test("the callee is busy in another call: the caller is told", async ({ browser }) => {
  const { sarah, john, callee } = await ready(browser);
  // Maya is already talking to John.
  const maya = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const mayaMatch = await createMatch(maya, callee);
  const mayaContext = await signedIn(browser, maya);
  const started = await mayaContext.request.post("/api/video/start-call", { data: { match_id: mayaMatch.id } });
  const { session_id } = (await started.json()) as { session_id: string };
  expect((await john.request.post(`/api/video/sessions/${session_id}/join`, { data: {} })).status()).toBe(200);

  await sarah.getByTestId("match-card").filter({ hasText: "John" }).getByRole("button", { name: "Start Video Call 💕" }).click();
  await expect(sarah.getByRole("alert").filter({ hasText: "John isn't available right now." })).toBeVisible();
  await expect(sarah).toHaveURL(/\/matches$/);
});
