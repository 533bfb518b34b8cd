import { expect, test, type Page } from "@playwright/test";
import { createPair } from "./support/db";
import { relayJourney } from "./support/relay-journey";

// A poor connection, for real: a relay-only first call through a local coturn that lets each TURN
// session carry at most 15 kB/s (~120 kbit/s) each way (`--max-bps`; coturn drops what goes over).
// The issue asked for `tc … tbf` on the loopback of a network namespace (netem is not on these
// kernels); that needs the app, PostgreSQL and both browsers inside the namespace, and there the
// call never connected (tried on the join-speed branch). With relay-only ICE every media packet
// crosses the relay, so its limit is the call's bottleneck just the same, and the browsers see it
// the way they would see a slow mobile link: packets lost, the bandwidth estimate pinned, the
// encoder held back. The indicator must say "poor" on both sides, and the call must go on.
// (e2e/relay-ice.spec.ts is the control: the same relay without the limit shows "good".)

const LIMIT_BYTES_PER_SECOND = 15_000;

const { signedIn } = relayJourney({ env: { FIRST_CALL_CAP_SECONDS: "60", RING_TIMEOUT_SECONDS: "60" }, maxBytesPerSecond: LIMIT_BYTES_PER_SECOND, startTimeoutMs: 90_000 });

type Counts = { readings: number; anyPoor: number; self: Record<string, number>; other: Record<string, number> };

/** What the page's indicator showed, read every 250 ms for `ms`: each verdict's count, and how many readings said "poor" for anyone. */
async function qualitySeen(page: Page, ms: number): Promise<Counts> {
  return page.evaluate(async (ms) => {
    const seen = { readings: 0, anyPoor: 0, self: {} as Record<string, number>, other: {} as Record<string, number> };
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const self = document.querySelector('[data-testid="quality-self"]')?.getAttribute("data-quality");
      const other = document.querySelector('[data-testid="quality-other"]')?.getAttribute("data-quality");
      seen.readings++;
      if (self) seen.self[self] = (seen.self[self] ?? 0) + 1;
      if (other) seen.other[other] = (seen.other[other] ?? 0) + 1;
      if (self === "poor" || other === "poor") seen.anyPoor++;
      await new Promise((r) => setTimeout(r, 250));
    }
    return seen;
  }, ms);
}

test("a first call squeezed to ~120 kbit/s each way: both sides say the connection is poor, and the call goes on", async ({ browser }) => {
  test.setTimeout(180_000);
  const { caller, callee, match } = await createPair("Pia", "Pablo");
  const pia = await signedIn(browser, caller, { width: 390, height: 844 });
  const pablo = await signedIn(browser, callee, { width: 1280, height: 800 });
  await Promise.all([pia.page.goto("/dashboard"), pablo.page.goto("/dashboard")]);
  const started = await pia.page.request.post("/api/video/start-call", { data: { match_id: match.id } });
  expect(started.status(), await started.text()).toBe(200);
  const sessionId = ((await started.json()) as { session_id: string }).session_id;
  await Promise.all([pia.page.goto(`/call/${sessionId}`), pablo.page.goto(`/call/${sessionId}`)]);
  for (const page of [pia.page, pablo.page]) await expect(page.getByTestId("call-state")).toHaveText("Connected", { timeout: 45_000 });

  // Ten seconds of the squeezed call, on both pages at once.
  const [atPia, atPablo] = await Promise.all([qualitySeen(pia.page, 10_000), qualitySeen(pablo.page, 10_000)]);
  const show = (c: Counts) => `poor in ${c.anyPoor} of ${c.readings} readings (self ${JSON.stringify(c.self)}, other ${JSON.stringify(c.other)})`;
  console.log(`poor connection (${(LIMIT_BYTES_PER_SECOND * 8) / 1000} kbit/s each way): Pia's page ${show(atPia)}; Pablo's page ${show(atPablo)}`);
  await pia.page.screenshot({ path: "e2e/screenshots/call-poor-connection-390x844.png" });
  await pablo.page.screenshot({ path: "e2e/screenshots/call-poor-connection-1280x800.png" });
  // Measured (39 readings a page): with the limit, 28–36 readings said "poor" for oneself or the
  // other person (2 runs; 3 earlier runs counted per side gave 41–87 % for the other person
  // alone); without it (the same relay, no --max-bps, 4 pages), 0–3 readings (≤ 8 %), for a
  // moment. A third is far from both.
  for (const seen of [atPia, atPablo]) expect(seen.anyPoor / seen.readings, "share of readings where this page showed a poor connection").toBeGreaterThan(1 / 3);

  // Squeezed, not cut: the call is still on, the server still holds it active.
  for (const page of [pia.page, pablo.page]) await expect(page.getByTestId("call-state")).not.toHaveText("Couldn't connect");
  const s = await pia.page.request.get(`/api/video/sessions/${sessionId}`);
  expect(((await s.json()) as { session: { status: string } }).session.status).toBe("active");
  await pia.page.request.post(`/api/video/sessions/${sessionId}/end`, { data: {} });
  await Promise.all([pia.context.close(), pablo.context.close()]);
});
