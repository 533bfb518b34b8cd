import { randomUUID } from "node:crypto";
import { submitSignUpForm } from "./support/auth";
import { db } from "./support/db";
// The mailbox's SMTP listener: the sign-up's confirmation mail is delivered and read, not refused
// (without a listener the server logged every run's refused mail as a failed effect).
import { expect, test } from "./support/mailbox";

test("a newcomer signs up through the form, is told to check their inbox, signs in, out, and back in", async ({ page, mailbox }) => {
  const email = `robin-${randomUUID().slice(0, 8)}@journey.meetcute`;
  const password = "a good long password";

  await submitSignUpForm(page, { name: "Robin", email, password });

  // The same answer a registered email would get; no automatic sign-in (that would tell them apart).
  await expect(page.getByTestId("check-inbox")).toContainText("Check your inbox");
  // …and there is something in it.
  expect((await mailbox.next(email)).subject).toMatch(/Confirm your email/);
  await page.getByTestId("check-inbox").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: /Hi Robin/ })).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  expect(user.profile?.city).toBe("Lisbon");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Scoped to the form: Next.js also renders a route announcer with role="alert".
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password don't match an account.");

  // An unknown email gets exactly the same message: no account enumeration.
  await page.getByLabel("Email").fill(`nobody-${randomUUID().slice(0, 8)}@journey.meetcute`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password don't match an account.");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: /Hi Robin/ })).toBeVisible();
});

test("sign-up errors are shown and nothing is created", async ({ page }) => {
  const email = `young-${randomUUID().slice(0, 8)}@journey.meetcute`;
  const thisYear = new Date().getUTCFullYear();
  await submitSignUpForm(page, { name: "Kid", email, password: "a good long password", birthDate: `${thisYear - 16}-01-01`, gender: "Man", interestedIn: "Women" });
  await expect(page.locator("form").getByRole("alert")).toHaveText("You must be 18 or older to join Meetcute.");
  expect(await db.user.findUnique({ where: { email } })).toBeNull();
});

test("the sign-up page loads the API client only once the form is used; with the network gone by then, the submit says so and creates nothing", async ({ page, browser }) => {
  // A string only the API client (lib/api/client.ts) holds, to tell its chunk apart.
  const CLIENT_MARK = "answered something unexpected";
  const scripts: string[] = [];
  page.on("response", async (r) => {
    if (r.request().resourceType() === "script") scripts.push(await r.text().catch(() => ""));
  });
  await page.goto("/signup");
  await page.waitForLoadState("load");
  await expect(page.getByRole("button", { name: "Create profile" })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.includes(CLIENT_MARK)), "the API client in the page's first load").toHaveLength(0);

  // Starting on the form fetches it.
  await page.getByLabel("First name").focus();
  await expect.poll(() => scripts.filter((s) => s.includes(CLIENT_MARK)).length).toBe(1);

  // Another visitor (nothing cached) whose network drops before the client arrives: the form's
  // script can't load, and the submit says so; nothing is created.
  const other = await browser.newContext();
  const offline = await other.newPage();
  await offline.goto("/signup");
  await offline.waitForLoadState("load");
  await other.setOffline(true);
  const email = `offline-${randomUUID().slice(0, 8)}@journey.meetcute`;
  await offline.getByLabel("First name").fill("Ola");
  await offline.getByLabel("Email").fill(email);
  await offline.getByLabel(/Password/).fill("a good long password");
  await offline.getByLabel("Birth date").fill("1995-06-15");
  await offline.getByLabel("City").fill("Lisbon");
  await offline.getByRole("radio", { name: "Woman", exact: true }).check();
  await offline.getByRole("checkbox", { name: "Men", exact: true }).check();
  await offline.getByRole("button", { name: "Create profile" }).click();
  await expect(offline.locator("form").getByRole("alert")).toHaveText("Couldn't reach Meetcute. Check your connection and try again.");
  await other.close();
  expect(await db.user.findUnique({ where: { email } })).toBeNull();
});
