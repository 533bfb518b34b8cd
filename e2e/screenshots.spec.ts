import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, db, type TestMember } from "./support/db";

// Pictures of the member pages at a phone and a laptop size, for people to look at (saved under
// e2e/screenshots/, git-ignored). The data is a lived-in account: a mutual match with calls,
// a new match, decisions on both sides, a passed match and a missed call.

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1440, height: 900 },
] as const;

const CALL_URL = /\/call\/([0-9a-f-]{36})$/;

async function signedIn(browser: Browser, member: TestMember, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await loginViaApi(context, member.email, member.password);
  return context;
}

/** Draws a simple portrait (a silhouette on a gradient) in the browser and uploads it as a PNG. */
async function uploadPortrait(page: Page, hue: number) {
  await page.goto("/profile");
  const dataUrl = await page.evaluate((h) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 320;
    const g = canvas.getContext("2d")!;
    const bg = g.createLinearGradient(0, 0, 320, 320);
    bg.addColorStop(0, `hsl(${h} 85% 78%)`);
    bg.addColorStop(1, `hsl(${h + 50} 70% 52%)`);
    g.fillStyle = bg;
    g.fillRect(0, 0, 320, 320);
    g.fillStyle = `hsl(${h + 20} 45% 96% / 0.92)`;
    g.beginPath();
    g.arc(160, 130, 62, 0, Math.PI * 2);
    g.fill();
    g.beginPath();
    g.ellipse(160, 330, 120, 115, 0, Math.PI, 0);
    g.fill();
    return canvas.toDataURL("image/png");
  }, hue);
  const res = await page.request.post("/api/profile/photo", {
    multipart: { photo: { name: "portrait.png", mimeType: "image/png", buffer: Buffer.from(dataUrl.split(",")[1], "base64") } },
  });
  expect(res.status()).toBe(201);
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function completedCall(matchId: number, callerId: number, calleeId: number, kind: "first" | "repeat", startedMinutesAgo: number, seconds: number) {
  const createdAt = minutesAgo(startedMinutesAgo);
  const answeredAt = new Date(createdAt.getTime() + 4000);
  await db.callSession.create({
    data: { matchId, callerId, calleeId, kind, status: "completed", createdAt, answeredAt, endedAt: new Date(answeredAt.getTime() + seconds * 1000), capSeconds: kind === "first" ? 60 : null },
  });
}

async function decided(matchId: number, memberId: number, decision: "like" | "pass") {
  const m = await db.match.findUniqueOrThrow({ where: { id: matchId } });
  await db.match.update({ where: { id: matchId }, data: m.userAId === memberId ? { decisionA: decision, decidedAAt: new Date() } : { decisionB: decision, decidedBAt: new Date() } });
}

for (const vp of VIEWPORTS) {
  test(`member pages at ${vp.name} size (${vp.width}×${vp.height})`, async ({ browser }) => {
    test.setTimeout(150_000);
    const shot = async (page: Page, name: string, { fullPage = true, animations = "disabled" as "disabled" | "allow" } = {}) => {
      // A scrolled page would draw the sticky header halfway down a full-page picture.
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `e2e/screenshots/${vp.name}-${name}.png`, fullPage, animations });
    };

    const me = await createMember("Sarah", { gender: "woman", interestedIn: ["man"], city: "Lisbon", interests: ["hiking", "cooking", "jazz", "travel"] });
    const john = await createMember("John", { gender: "man", interestedIn: ["woman"], city: "Lisbon", interests: ["running", "cooking", "jazz", "films"] });
    const liam = await createMember("Liam", { gender: "man", interestedIn: ["woman"], city: "Porto", interests: ["hiking", "travel", "photography"] });
    const noah = await createMember("Noah", { gender: "man", interestedIn: ["woman"], city: "Lisbon", interests: ["jazz", "board games"] });
    const ethan = await createMember("Ethan", { gender: "man", interestedIn: ["woman"], city: "Braga", interests: ["cooking"] });
    const lucas = await createMember("Lucas", { gender: "man", interestedIn: ["woman"], city: "Faro", interests: [] });

    const mutual = await createMatch(me, john, "matched");
    await completedCall(mutual.id, john.id, me.id, "first", 3 * 24 * 60, 58);
    await completedCall(mutual.id, me.id, john.id, "repeat", 26 * 60, 14 * 60 + 12);
    const fresh = await createMatch(me, liam, "pending");
    await db.callSession.create({ data: { matchId: fresh.id, callerId: liam.id, calleeId: me.id, kind: "first", status: "missed", createdAt: minutesAgo(7), endedAt: minutesAgo(6), endReason: "timeout" } });
    const toDecide = await createMatch(me, noah, "awaiting_decision");
    await completedCall(toDecide.id, me.id, noah.id, "first", 35, 60);
    const waiting = await createMatch(me, ethan, "awaiting_decision");
    await completedCall(waiting.id, ethan.id, me.id, "first", 120, 47);
    await decided(waiting.id, me.id, "like");
    const passed = await createMatch(me, lucas, "passed");
    await completedCall(passed.id, lucas.id, me.id, "first", 5 * 24 * 60, 31);

    // A newcomer first: every list empty.
    const newcomer = await createMember("Robin", { gender: "woman", interestedIn: ["nonbinary"], city: "Coimbra", interests: [] });
    const newPage = await (await signedIn(browser, newcomer, vp)).newPage();
    await newPage.goto("/dashboard");
    await expect(newPage.getByTestId("missed-calls")).toContainText("No missed calls.");
    await shot(newPage, "00-dashboard-empty");
    await newPage.goto("/matches");
    await expect(newPage.getByRole("heading", { name: "No matches yet" })).toBeVisible();
    await shot(newPage, "00-matches-empty");

    const mine = await signedIn(browser, me, vp);
    const page = await mine.newPage();
    await uploadPortrait(page, 330);
    const others = new Map<TestMember, Page>();
    for (const [member, hue] of [[john, 200], [liam, 140], [noah, 30]] as const) {
      const p = await (await signedIn(browser, member, vp)).newPage();
      await uploadPortrait(p, hue);
      others.set(member, p);
    }

    await page.goto("/dashboard");
    await expect(page.getByTestId("missed-call")).toHaveCount(1);
    await shot(page, "01-dashboard");

    await page.goto("/matches");
    await expect(page.getByTestId("match-grid").getByTestId("match-card")).toHaveCount(4);
    await page.getByText("Not a match (1)").click();
    await shot(page, "02-matches");

    await page.goto(`/matches/${mutual.id}`);
    await expect(page.getByTestId("calls-together")).toContainText("2 video calls together");
    await shot(page, "03-match-detail");

    await page.goto(`/matches/${mutual.id}/decide`);
    await expect(page.getByTestId("mutual-celebration")).toBeVisible();
    // Mid-confetti, on purpose: once the falling animation has run for 0.9 s.
    await page.waitForFunction(() => document.getAnimations().some((a) => Number(a.currentTime) >= 900));
    await shot(page, "04-celebration", { fullPage: false, animations: "allow" });

    await page.goto(`/matches/${toDecide.id}/decide`);
    await shot(page, "05-decide", { fullPage: false });

    await page.goto("/profile");
    await shot(page, "06-profile");

    // The incoming-call card in both styles, over the page the member happens to be on.
    await page.goto("/dashboard");
    const liamsCall = await others.get(liam)!.request.post("/api/video/start-call", { data: { match_id: fresh.id } });
    const { session_id: firstCall } = (await liamsCall.json()) as { session_id: string };
    const firstCard = page.getByTestId("incoming-call");
    await expect(firstCard).toHaveAttribute("data-call-type", "first");
    await shot(page, "07-notification-first-call", { fullPage: false });
    await others.get(liam)!.request.post(`/api/video/sessions/${firstCall}/cancel`, { data: {} });
    await expect(firstCard).toHaveCount(0, { timeout: 5000 });

    await page.goto("/matches");
    const johnsCall = await others.get(john)!.request.post("/api/video/start-call", { data: { match_id: mutual.id } });
    const { session_id: repeatCall } = (await johnsCall.json()) as { session_id: string };
    await expect(page.getByTestId("incoming-call")).toHaveAttribute("data-call-type", "mutual");
    await shot(page, "08-notification-mutual", { fullPage: false });
    await others.get(john)!.request.post(`/api/video/sessions/${repeatCall}/cancel`, { data: {} });
    await expect(page.getByTestId("incoming-call")).toHaveCount(0, { timeout: 5000 });

    // The call page: ringing on the caller's side, then connected.
    await page.getByTestId("match-card").filter({ hasText: "Liam" }).getByRole("button", { name: "Start Video Call 💕" }).click();
    await expect(page).toHaveURL(CALL_URL);
    await expect(page.getByTestId("call-ringing")).toBeVisible();
    await shot(page, "09-call-ringing", { fullPage: false });
    const liamsPage = others.get(liam)!;
    await liamsPage.goto(new URL(page.url()).pathname);
    await expect(page.getByTestId("call-state")).toHaveText("Connected", { timeout: 15_000 });
    // A moving picture from the other side, not a black frame.
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
      return !!v && v.videoWidth > 0 && v.currentTime > 1;
    });
    await shot(page, "10-call-connected", { fullPage: false });
    await page.getByRole("button", { name: "End call" }).click();
    await expect(page).toHaveURL(new RegExp(`/matches/${fresh.id}/decide$`));
  });
}
