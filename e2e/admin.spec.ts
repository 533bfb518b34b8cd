import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, db, type TestMember } from "./support/db";

async function signedIn(browser: Browser, member: TestMember): Promise<BrowserContext> {
  const context = await browser.newContext();
  await loginViaApi(context, member.email, member.password);
  return context;
}

test("a member reports from a match card; the admin bans the reported member, who is out at once", async ({ browser }) => {
  const sarah = await createMember("Sarah", { gender: "woman", interestedIn: ["man"] });
  const john = await createMember("John", { gender: "man", interestedIn: ["woman"] });
  const maya = await createMember("Maya", { gender: "woman", interestedIn: ["man"] });
  const admin = await createMember("Ada", { role: "admin" });
  const sarahAndJohn = await createMatch(sarah, john);
  const johnAndMaya = await createMatch(john, maya);

  const [sarahCtx, johnCtx, mayaCtx, adminCtx] = await Promise.all([sarah, john, maya, admin].map((m) => signedIn(browser, m)));
  const [sarahPage, johnPage, mayaPage, adminPage] = await Promise.all([sarahCtx, johnCtx, mayaCtx, adminCtx].map((c) => c.newPage()));

  await mayaPage.goto("/dashboard");
  await johnPage.goto("/matches");
  await expect(johnPage.getByRole("heading", { name: "Your matches" })).toBeVisible();

  // Sarah reports John from his card on /matches.
  await sarahPage.goto("/matches");
  const card = sarahPage.locator(`[data-testid="match-card"][data-match-id="${sarahAndJohn.id}"]`);
  await card.getByRole("button", { name: "Safety options for John" }).click();
  await card.getByRole("menuitem", { name: "Report" }).click();
  const dialog = sarahPage.getByRole("dialog", { name: "Report John" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("0/1000")).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Also block John" })).not.toBeChecked();
  await dialog.getByRole("radio", { name: "Harassment" }).check();
  const details = `Kept messaging after I said no (${john.email})`;
  await dialog.getByLabel(/Details/).fill(details);
  await expect(dialog.getByText(`${details.length}/1000`)).toBeVisible();
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(sarahPage.getByText("Our team will review your report.")).toBeVisible();
  await expect(dialog).toBeHidden();
  const report = await db.report.findFirstOrThrow({ where: { reporterId: sarah.id, reportedId: john.id } });
  expect(report).toMatchObject({ reason: "harassment", status: "open", matchId: sarahAndJohn.id, details });

  // The admin finds it in the queue and bans John with a note.
  await adminPage.goto("/admin/reports");
  const queued = adminPage.locator(`[data-testid="report"][data-report-id="${report.id}"]`);
  await expect(queued).toContainText("Harassment");
  await expect(queued).toContainText(details);
  await expect(queued).toContainText("Sarah");
  await queued.getByLabel("Resolution note").fill("Confirmed with the reporter; repeated harassment.");

  // Meanwhile John rings Maya, who sees the incoming call (the ring lasts 12 s in the journeys).
  const start = await johnCtx.request.post("/api/video/start-call", { data: { match_id: johnAndMaya.id } });
  expect(start.status()).toBe(200);
  const { session_id: ringingId } = (await start.json()) as { session_id: string };
  await expect(mayaPage.getByTestId("incoming-call")).toContainText("John");

  await queued.getByRole("button", { name: "Ban John" }).click();
  await expect(adminPage.getByText(`John is banned; report #${report.id} closed.`)).toBeVisible();
  await expect(queued).toBeHidden();
  expect((await db.user.findUniqueOrThrow({ where: { id: john.id } })).bannedAt).not.toBeNull();
  expect(await db.auditLog.count({ where: { targetType: "report", targetId: String(report.id), action: "report.ban", adminId: admin.id } })).toBe(1);

  // John's open page: his next request is refused and he lands on sign-in, told he is suspended.
  expect((await johnCtx.request.get("/api/matches")).status()).toBe(401);
  await johnPage.reload();
  await expect(johnPage).toHaveURL(/\/signin\?error=suspended/);
  // His call to Maya was ended by the ban (not by the ring timeout) and vanishes from her screen.
  expect(await db.callSession.findUniqueOrThrow({ where: { id: ringingId } })).toMatchObject({ status: "cancelled", endReason: "banned" });
  await expect(mayaPage.getByTestId("incoming-call")).toBeHidden();

  await Promise.all([sarahCtx, johnCtx, mayaCtx, adminCtx].map((c) => c.close()));
});

test("a block from the match card makes the match vanish for both", async ({ browser }) => {
  const sarah = await createMember("Sarah", { gender: "woman", interestedIn: ["man"] });
  const john = await createMember("John", { gender: "man", interestedIn: ["woman"] });
  const match = await createMatch(sarah, john);
  const [sarahCtx, johnCtx] = await Promise.all([signedIn(browser, sarah), signedIn(browser, john)]);
  const page = await sarahCtx.newPage();
  await page.goto("/matches");
  const card = page.locator(`[data-testid="match-card"][data-match-id="${match.id}"]`);
  await card.getByRole("button", { name: "Safety options for John" }).click();
  await card.getByRole("menuitem", { name: "Block" }).click();
  const confirm = page.getByRole("dialog", { name: "Block John?" });
  await expect(confirm).toContainText("They'll never see you again");
  await confirm.getByRole("button", { name: "Block" }).click();
  await expect(page.getByText("John is blocked.")).toBeVisible();
  await expect(card).toBeHidden();
  const johns = (await (await johnCtx.request.get("/api/matches")).json()) as { matches: { match_id: number }[] };
  expect(johns.matches.map((m) => m.match_id)).not.toContain(match.id);
  await Promise.all([sarahCtx.close(), johnCtx.close()]);
});

test.describe("admin pages refuse everyone but a signed-in, unbanned admin", () => {
  const MARKER = `admin-only-${Date.now()}`;
  let paths: string[];

  test.beforeAll(async () => {
    // Something only an admin page would show: a report whose details carry the marker.
    const a = await createMember("Rita", { gender: "woman", interestedIn: ["man"] });
    const b = await createMember("Rob", { gender: "man", interestedIn: ["woman"] });
    const m = await createMatch(a, b);
    await db.report.create({ data: { reporterId: a.id, reportedId: b.id, matchId: m.id, reason: "spam", details: MARKER } });
    paths = ["/admin", "/admin/calls", "/admin/members", `/admin/members/${b.id}`, "/admin/reports", "/admin/audit"];
  });

  async function expectRefused(context: BrowserContext, landing: RegExp) {
    const page = await context.newPage();
    for (const path of paths) {
      // The raw response first: a redirect, and nothing of the page in its body.
      const res = await context.request.get(path, { maxRedirects: 0 });
      expect({ path, status: res.status() }).toEqual({ path, status: 307 });
      expect(await res.text()).not.toContain(MARKER);
      await page.goto(path);
      await expect(page, path).toHaveURL(landing);
      expect(await page.content()).not.toContain(MARKER);
      await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
    }
    await page.close();
  }

  test("signed out → sign-in", async ({ browser }) => {
    const context = await browser.newContext();
    await expectRefused(context, /\/signin\?callbackUrl=/);
    await context.close();
  });

  test("member → home", async ({ browser }) => {
    const context = await signedIn(browser, await createMember("Mo"));
    await expectRefused(context, /\/dashboard$/);
    await context.close();
  });

  test("banned member → sign-in, suspended", async ({ browser }) => {
    const banned = await createMember("Bo");
    const context = await signedIn(browser, banned);
    await db.user.update({ where: { id: banned.id }, data: { bannedAt: new Date(), banReason: "test" } });
    await expectRefused(context, /\/signin\?error=suspended/);
    await context.close();
  });

  test("the proxy is not trusted alone: a JWT that still says admin is refused by the server", async ({ browser }) => {
    // Demoted after signing in: the proxy lets the old token through, the pages must not.
    const demoted = await createMember("Dee", { role: "admin" });
    const demotedCtx = await signedIn(browser, demoted);
    await db.user.update({ where: { id: demoted.id }, data: { role: "member" } });
    // Banned after signing in as an admin.
    const bannedAdmin = await createMember("Bea", { role: "admin" });
    const bannedCtx = await signedIn(browser, bannedAdmin);
    await db.user.update({ where: { id: bannedAdmin.id }, data: { bannedAt: new Date(), banReason: "test" } });

    for (const [context, landing] of [
      [demotedCtx, /\/dashboard$/],
      [bannedCtx, /\/signin\?error=suspended/],
    ] as const) {
      const page = await context.newPage();
      for (const path of paths) {
        const res = await context.request.get(path);
        expect(await res.text(), path).not.toContain(MARKER);
        await page.goto(path);
        await expect(page, path).toHaveURL(landing);
        expect(await page.content()).not.toContain(MARKER);
      }
      await context.close();
    }
  });

  test("an admin gets every page", async ({ browser }) => {
    const context = await signedIn(browser, await createMember("Ada", { role: "admin" }));
    const page = await context.newPage();
    for (const path of paths) {
      const res = await page.goto(path);
      expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
      await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
    }
    await page.goto("/admin/reports");
    await expect(page.getByText(MARKER)).toBeVisible();
    await context.close();
  });
});
