import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair, type TestMember } from "./support/db";

// The design's own test: two people in two browsers, from a pending match through the first
// call and both liking, to calling again as a mutual match.

const CALL_URL = /\/call\/([0-9a-f-]{36})$/;

async function signedInPage(browser: Browser, member: TestMember): Promise<Page> {
  const context = await browser.newContext();
  await loginViaApi(context, member.email, member.password);
  return context.newPage();
}

function sessionIdOf(page: Page): string {
  const id = CALL_URL.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not on a call page: ${page.url()}`);
  return id;
}

/** Clicks `start` on the caller's page and times how long until the callee's card is on screen. */
async function timeUntilIncomingCard(start: () => Promise<void>, callee: Page, label: string) {
  const card = callee.getByTestId("incoming-call");
  await expect(card).toHaveCount(0);
  const clickedAt = Date.now();
  await start();
  // waitFor watches the DOM itself, so the time isn't rounded up to expect()'s retry steps.
  await card.waitFor({ state: "visible", timeout: 10_000 });
  const ms = Date.now() - clickedAt;
  console.log(`[call→notification] ${label}: ${ms} ms`);
  test.info().annotations.push({ type: "call→notification", description: `${label}: ${ms} ms` });
  return { card, ms };
}

/** Both sides connected, then the caller hangs up; returns when both have left the call page. */
async function talkThenHangUp(caller: Page, callee: Page) {
  await expect(caller.getByTestId("call-state")).toHaveText("Connected", { timeout: 15_000 });
  await expect(callee.getByTestId("call-state")).toHaveText("Connected", { timeout: 15_000 });
  await caller.getByRole("button", { name: "End call" }).click();
}

test("first call, both like, then a repeat call that the callee joins from the matches page", async ({ browser }) => {
  test.setTimeout(180_000);
  const { caller, callee, match } = await createPair("Sarah", "John");
  const sarah = await signedInPage(browser, caller);
  const john = await signedInPage(browser, callee);

  // John idles on his dashboard; Sarah opens her matches.
  await john.goto("/dashboard");
  await expect(john.getByRole("heading", { name: "Hi John 👋" })).toBeVisible();
  await sarah.goto("/matches");
  const sarahsCard = sarah.getByTestId("match-card").filter({ hasText: "John" });
  await expect(sarahsCard).toHaveAttribute("data-status", "pending");

  // 1. The first call rings on John's dashboard within 3.5 s of Sarah's click.
  const first = await timeUntilIncomingCard(() => sarahsCard.getByRole("button", { name: "Start Video Call 💕" }).click(), john, "first call");
  expect(first.ms).toBeLessThan(3500);
  await expect(first.card).toHaveAttribute("data-call-type", "first");
  await expect(first.card.getByRole("heading", { name: "📞 Incoming Call" })).toBeVisible();
  await expect(first.card).toContainText("Sarah");
  await expect(first.card).toContainText("First Call");

  await expect(sarah).toHaveURL(CALL_URL);
  await expect(sarah.getByTestId("call-state")).toHaveText("Calling John…");
  const firstSession = sessionIdOf(sarah);

  // 2. John joins; both are in the same session.
  await first.card.getByRole("button", { name: "Join Call" }).click();
  await expect(john).toHaveURL(CALL_URL);
  expect(sessionIdOf(john)).toBe(firstSession);
  await expect(john.getByTestId("incoming-call")).toHaveCount(0);

  // 3. The call ends; both go to the decision and both like.
  await talkThenHangUp(sarah, john);
  const decide = new RegExp(`/matches/${match.id}/decide$`);
  await expect(sarah).toHaveURL(decide);
  await expect(john).toHaveURL(decide, { timeout: 15_000 });
  await expect(sarah.getByRole("heading", { name: "How was your call with John?" })).toBeVisible();
  // John is told why his call ended; Sarah, who hung up, is not told her own doing.
  await expect(john.getByText("Sarah ended the call.")).toBeVisible();
  await expect(sarah.getByText("ended the call")).toHaveCount(0);
  await sarah.getByRole("button", { name: "❤️ Like" }).click();
  await expect(sarah.getByRole("heading", { name: "Waiting for John…" })).toBeVisible();
  await john.getByRole("button", { name: "❤️ Like" }).click();

  // 4. Both see the celebration — Sarah's page finds out by itself.
  await expect(john.getByRole("heading", { name: "🎉 It's a match!" })).toBeVisible();
  await expect(sarah.getByRole("heading", { name: "🎉 It's a match!" })).toBeVisible({ timeout: 8000 });

  // 5. John moves to his matches page; Sarah calls again from the celebration.
  await john.goto("/matches");
  const johnsCard = john.getByTestId("match-card").filter({ hasText: "Sarah" });
  await expect(johnsCard).toHaveAttribute("data-status", "matched");
  await expect(johnsCard).toContainText("🎉 Mutual Match!");
  await expect(johnsCard).toContainText("1 video call together");
  const repeat = await timeUntilIncomingCard(() => sarah.getByRole("button", { name: "Call Again 💕" }).click(), john, "repeat call");
  expect(repeat.ms).toBeLessThan(3500);
  await expect(repeat.card).toHaveAttribute("data-call-type", "mutual");
  await expect(repeat.card.getByRole("heading", { name: "💕 Mutual Match Calling!" })).toBeVisible();
  await expect(repeat.card).toContainText("Repeat Call 💕");

  await expect(sarah).toHaveURL(CALL_URL);
  const secondSession = sessionIdOf(sarah);
  expect(secondSession).not.toBe(firstSession);

  // 6. John joins with the mutual-match toast; the call connects and ends.
  await repeat.card.getByRole("button", { name: "Join Call" }).click();
  await expect(john.getByText("💕 Joining call with Sarah!")).toBeVisible();
  await expect(john).toHaveURL(CALL_URL);
  expect(sessionIdOf(john)).toBe(secondSession);
  await talkThenHangUp(sarah, john);

  // 7. Both land on the match: two calls together, and a history of two distinct sessions.
  const matchPage = new RegExp(`/matches/${match.id}$`);
  for (const page of [sarah, john]) {
    await expect(page).toHaveURL(matchPage, { timeout: 15_000 });
    await expect(page.getByTestId("calls-together")).toContainText("2 video calls together");
    const rows = page.getByTestId("call-history-row");
    await expect(rows).toHaveCount(2);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-session-id")));
    expect(new Set(ids)).toEqual(new Set([firstSession, secondSession]));
    for (const row of await rows.all()) await expect(row).toHaveAttribute("data-status", "completed");
  }

  const history = await john.request.get(`/api/video/call-history/${match.id}`);
  expect(await history.json()).toMatchObject({ match_id: match.id, is_mutual_match: true, total_calls: 2 });
});
