import { expect, test, type Browser, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair, db, type TestMember } from "./support/db";
import { expectRemoteVideoPlaying } from "./support/remote-video";

// A client that vanishes mid-call: Omar's phone dies in a repeat call (his page's renderer is
// crashed through the DevTools protocol, so it sends nothing more: no hang-up, no "bye", no
// check-in). Nina's page must say "Reconnecting…", then end the call and tell her whose
// connection dropped; the server stores it as the vanish rule would (left, by Omar). Which of the
// two ends it first (her page giving up after 20 s, or the vanish rule 30 s after his last
// check-in) can vary with the machine's load; the outcome may not (docs/architecture.md, "Call
// session"). A repeat call, so no first-call cap ends it first.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  await loginViaApi(context, member.email, member.password);
  return { context, page: await context.newPage() };
}

async function post(page: Page, path: string, data: object) {
  const res = await page.request.post(path, { data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test("a member's phone dies mid-call: the other side says Reconnecting, then that his connection dropped, and the call is over", async ({ browser }) => {
  test.setTimeout(120_000);
  const { caller, callee, match } = await createPair("Nina", "Omar", { status: "matched" });
  const nina = await signedIn(browser, caller, PHONE);
  const omar = await signedIn(browser, callee, DESKTOP);

  const { session_id: sessionId } = (await post(nina.page, "/api/video/start-call", { match_id: match.id })) as { session_id: string };
  await nina.page.goto(`/call/${sessionId}`);
  await post(omar.page, `/api/video/sessions/${sessionId}/join`, {});
  await omar.page.goto(`/call/${sessionId}`);
  for (const page of [nina.page, omar.page]) {
    await expect(page.getByTestId("call-state")).toHaveText("Connected", { timeout: 20_000 });
    await expectRemoteVideoPlaying(page);
  }

  // Omar's phone dies: its renderer goes, with everything it would have sent.
  const cdp = await omar.context.newCDPSession(omar.page);
  const crashedAt = Date.now();
  void cdp.send("Page.crash").catch(() => undefined);

  await expect(nina.page.getByTestId("call-state")).toHaveText("Reconnecting…", { timeout: 15_000 });
  const noticed = Date.now() - crashedAt;
  await expect(nina.page).toHaveURL(new RegExp(`/matches/${match.id}$`), { timeout: 60_000 });
  await expect(nina.page.getByText("Omar's connection dropped, so the call ended.")).toBeVisible();
  const left = Date.now() - crashedAt;
  await nina.page.screenshot({ path: "e2e/screenshots/call-ended-connection-dropped-390x844.png" });

  const s = await db.callSession.findUniqueOrThrow({ where: { id: sessionId } });
  expect(s).toMatchObject({ status: "completed", endReason: "left", endedById: callee.id });
  console.log(`vanished member: Reconnecting after ${noticed} ms, Nina back on the match with the notice after ${left} ms; its end stored at his last check-in, ${((crashedAt - s.endedAt!.getTime()) / 1000).toFixed(1)} s before the crash`);
  await Promise.all([nina.context.close(), omar.context.close()]);
});
