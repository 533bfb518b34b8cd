// Accounts members can trust: a confirmed email before matching, a password reset by mail that
// ends the old sessions, and an Account page that changes the password and signs devices out.
// Mail goes over real SMTP to a listener in this process (support/mailbox.ts).
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/mailbox";
import { loginViaApi, submitSignUpForm } from "./support/auth";
import { createMember, db } from "./support/db";

/** A signed-in page in its own browser context (a second device). */
async function device(context: BrowserContext, email: string, password: string): Promise<Page> {
  await loginViaApi(context, email, password);
  const page = await context.newPage();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

/** The device's session has ended: a reload lands on sign-in. */
async function expectSignedOut(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/matches")).status()).toBe(401);
}

test("sign up → the confirmation mail arrives → confirm → matched", async ({ page, mailbox }) => {
  // Someone for Robin to meet: a confirmed member who fits her preferences both ways.
  await createMember("Sam", { gender: "man", interestedIn: ["woman"] });
  const email = `robin-${randomUUID().slice(0, 8)}@journey.meetcute`;
  const password = "a good long password";
  await submitSignUpForm(page, { name: "Robin", email, password });
  await expect(page.getByTestId("check-inbox")).toBeVisible();

  const mail = await mailbox.next(email);
  expect(mail.subject).toBe("Confirm your email for Meetcute");
  expect(mail.html).toContain("Confirm my email");

  // Signed in but unconfirmed: the banner, and no matching yet.
  await page.getByTestId("check-inbox").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("confirm-email-banner")).toBeVisible();
  await page.getByRole("button", { name: /Find my match/ }).click();
  await expect(page.getByTestId("find-match")).toContainText("Confirm your email");

  await page.goto(mail.link("/verify-email"));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByText("Your email is confirmed.", { exact: false })).toBeVisible();
  await page.getByRole("link", { name: "Find my match" }).click();
  await expect(page.getByTestId("confirm-email-banner")).toHaveCount(0);
  await page.getByRole("button", { name: /Find my match/ }).click();
  await expect(page.getByText("You have a new match!")).toBeVisible();
});

test("Forgot password? → the mail → reset → the session open in another context is signed out", async ({ browser, page, mailbox }) => {
  const robin = await createMember("Robin");
  const other = await browser.newContext();
  const laptop = await device(other, robin.email, robin.password);

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(robin.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If that email has a Meetcute account");

  const mail = await mailbox.next(robin.email);
  expect(mail.subject).toBe("Reset your Meetcute password");
  await page.goto(mail.link("/reset-password"));
  await page.getByLabel(/New password/).fill("my brand new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("every device was signed out");

  await expectSignedOut(laptop);
  // The new password works; the old one doesn't.
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(robin.email);
  await page.getByLabel("Password").fill(robin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  await page.getByLabel("Password").fill("my brand new password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await other.close();
});

test.describe("the Account page", () => {
  test("change the password: the other device is signed out, this one stays", async ({ browser, context }) => {
    const robin = await createMember("Robin");
    const phoneContext = await browser.newContext();
    const phone = await device(phoneContext, robin.email, robin.password);
    const page = await device(context, robin.email, robin.password);

    await page.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await page.getByLabel("Current password").fill(robin.password);
    await page.getByLabel(/New password/).fill("a changed password 2");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Your other devices were signed out.")).toBeVisible();

    await expectSignedOut(phone);
    await page.reload();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("device")).toHaveCount(1);
    await phoneContext.close();
  });

  test("sign out another device, told apart by its rough place", async ({ browser, context }) => {
    const robin = await createMember("Robin");
    // The phone signs in through the form, whose browser says it is on Berlin time.
    const phoneContext = await browser.newContext({ timezoneId: "Europe/Berlin" });
    const phone = await phoneContext.newPage();
    await phone.goto("/signin");
    await phone.getByLabel("Email").fill(robin.email);
    await phone.getByLabel("Password").fill(robin.password);
    await phone.getByRole("button", { name: "Sign in" }).click();
    await expect(phone).toHaveURL(/\/dashboard$/);
    const page = await device(context, robin.email, robin.password);
    await page.goto("/account");
    await expect(page.getByTestId("device")).toHaveCount(2);
    await expect(page.getByTestId("device").filter({ hasText: "This device" })).toHaveCount(1);
    // The zone's city and the line it came from (here the server's own machine); never the full address.
    const other = page.getByTestId("device").filter({ hasNotText: "This device" });
    await expect(other.getByTestId("device-place")).toHaveText("Berlin time · loopback network");
    await page.getByTestId("device").filter({ hasNotText: "This device" }).getByRole("button", { name: /Sign out/ }).click();
    await expect(page.getByTestId("device")).toHaveCount(1);

    await expectSignedOut(phone);
    await page.reload();
    await expect(page).toHaveURL(/\/account$/);
    await phoneContext.close();
  });

  test("Sign out everywhere", async ({ browser, context }) => {
    const robin = await createMember("Robin");
    const phoneContext = await browser.newContext();
    const phone = await device(phoneContext, robin.email, robin.password);
    const page = await device(context, robin.email, robin.password);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await expectSignedOut(phone);
    await expectSignedOut(page);
    expect(await db.signInSession.count({ where: { userId: robin.id, revokedAt: null } })).toBe(0);
    await phoneContext.close();
  });
});
