import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createMatch, createMember, db, type TestMember } from "./support/db";

// Sarah downloads her data, then deletes her account from /account/data. John, her mutual match,
// keeps their call history, now under "Deleted member"; the admin still sees John's report about
// her. Sarah's old cookie answers 401 and her email and password sign nobody in. Pictures of
// /account/data and the "Deleted member" views go to e2e/screenshots/ (git-ignored).

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const shot = (name: string) => ({ path: `e2e/screenshots/account-deletion-${name}.png`, fullPage: true });

async function signedIn(browser: Browser, member: TestMember, viewport = LAPTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await loginViaApi(context, member.email, member.password);
  return context;
}

test("a member deletes her account; her match keeps the history as 'Deleted member', the admin keeps the report", async ({ browser }) => {
  const sarah = await createMember("Sarah", { gender: "woman", interestedIn: ["man"] });
  const john = await createMember("John", { gender: "man", interestedIn: ["woman"] });
  const admin = await createMember("Ada", { role: "admin" });
  const match = await createMatch(sarah, john, "matched");
  await db.match.update({ where: { id: match.id }, data: { decisionA: "like", decisionB: "like", decidedAAt: new Date(), decidedBAt: new Date(), closedAt: new Date() } });
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  const first = await db.callSession.create({
    data: { matchId: match.id, callerId: sarah.id, calleeId: john.id, kind: "first", status: "completed", createdAt: at(90), answeredAt: at(90), endedAt: at(89), capSeconds: 60 },
  });
  await db.callSession.create({ data: { matchId: match.id, callerId: john.id, calleeId: sarah.id, kind: "repeat", status: "completed", createdAt: at(30), answeredAt: at(30), endedAt: at(18) } });
  const report = await db.report.create({ data: { reporterId: john.id, reportedId: sarah.id, matchId: match.id, sessionId: first.id, reason: "harassment", details: "Rude on our second call" } });

  const sarahCtx = await signedIn(browser, sarah, PHONE);
  const sarahPage = await sarahCtx.newPage();

  // Her data, as a download.
  await sarahPage.goto("/account/data");
  await expect(sarahPage.getByRole("heading", { name: "Your data" })).toBeVisible();
  await sarahPage.screenshot(shot("your-data-phone"));
  const download = sarahPage.waitForEvent("download");
  await sarahPage.getByTestId("download-data").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^meetcute-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile((await file.path())!, "utf8"));
  expect(exported.account.email).toBe(sarah.email);
  expect(exported.matches).toEqual([expect.objectContaining({ match_id: match.id, other_member: { name: "John" }, my_decision: "like" })]);
  expect(exported.calls).toHaveLength(2);

  // A wrong password is refused in the dialog; the right one deletes the account.
  const oldCookies = await sarahCtx.cookies();
  await sarahPage.getByRole("button", { name: "Delete my account" }).click();
  const dialog = sarahPage.getByRole("dialog", { name: "Delete your account?" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Your password").fill("not my password");
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(dialog.getByRole("alert")).toContainText("That password isn't right.");
  await sarahPage.screenshot(shot("delete-dialog-phone"));
  await dialog.getByLabel("Your password").fill(sarah.password);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(sarahPage).toHaveURL(/\/$/);
  expect((await db.user.findUniqueOrThrow({ where: { id: sarah.id } })).deletedAt).not.toBeNull();

  // Her old cookie answers 401; her email and password sign nobody in.
  const stolen = await browser.newContext();
  await stolen.addCookies(oldCookies);
  const refused = await stolen.request.get("/api/matches");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: expect.any(String) });
  const again = await browser.newContext();
  const { csrfToken } = (await (await again.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await again.request.post("/api/auth/callback/credentials", { form: { csrfToken, email: sarah.email, password: sarah.password, json: "true" } });
  expect((await again.cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);

  // John keeps the match and both calls, under "Deleted member", and can't call.
  for (const [size, viewport] of [["phone", PHONE], ["laptop", LAPTOP]] as const) {
    const johnCtx = await signedIn(browser, john, viewport);
    const johnPage = await johnCtx.newPage();
    await johnPage.goto("/matches");
    const card = johnPage.locator(`[data-testid="match-card"][data-match-id="${match.id}"]`);
    await expect(card).toContainText("Deleted member");
    await expect(card).toContainText("This member has left Meetcute.");
    await expect(card.getByRole("button", { name: /Call/ })).toHaveCount(0);
    await johnPage.screenshot(shot(`matches-${size}`));
    await johnPage.goto(`/matches/${match.id}`);
    await expect(johnPage.getByRole("heading", { level: 1 })).toHaveText("Deleted member");
    await expect(johnPage.getByText("2 calls · 2 connected")).toBeVisible();
    await expect(johnPage.getByText("Deleted member called")).toHaveCount(1);
    await expect(johnPage.getByText("You called")).toHaveCount(1);
    await johnPage.screenshot(shot(`match-page-${size}`));
    await johnCtx.close();
  }

  // The admin still sees the report about her, and her page says the account is deleted.
  const adminCtx = await signedIn(browser, admin, LAPTOP);
  const adminPage = await adminCtx.newPage();
  await adminPage.goto("/admin/reports");
  const queued = adminPage.locator(`[data-testid="report"][data-report-id="${report.id}"]`);
  await expect(queued).toContainText("Deleted member");
  await expect(queued).toContainText("Rude on our second call");
  await adminPage.screenshot(shot("admin-reports-laptop"));
  await adminPage.goto(`/admin/members/${sarah.id}`);
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Deleted member");
  await expect(adminPage.getByText(/This account was deleted on/)).toBeVisible();
  await adminPage.screenshot(shot("admin-member-laptop"));

  await Promise.all([sarahCtx, stolen, again, adminCtx].map((c) => c.close()));
});

test("an admin deletes a member's account from the member page, audited", async ({ browser }) => {
  const maya = await createMember("Maya");
  const admin = await createMember("Ada", { role: "admin" });
  const adminCtx = await signedIn(browser, admin, PHONE);
  const page = await adminCtx.newPage();
  await page.goto(`/admin/members/${maya.id}`);
  await page.getByRole("button", { name: "Delete account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Maya's account?" });
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(page.getByText(/This account was deleted on/)).toBeVisible();
  expect(await db.auditLog.count({ where: { action: "member.delete", targetId: String(maya.id), adminId: admin.id } })).toBe(1);
  await adminCtx.close();
});
