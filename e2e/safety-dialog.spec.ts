import { expect, test } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair } from "./support/db";

// The safety dialogs are native modal <dialog>s: jsdom has none, so their keyboard behaviour is
// proved here, in the real browser.
test("the safety dialogs take focus, keep it, close on Escape or a backdrop click, and hand it back", async ({ browser }) => {
  const { caller: sarah, match } = await createPair("Sarah", "John");
  const context = await browser.newContext();
  await loginViaApi(context, sarah.email, sarah.password);
  const page = await context.newPage();
  await page.goto("/matches");
  const card = page.locator(`[data-testid="match-card"][data-match-id="${match.id}"]`);
  const trigger = card.getByRole("button", { name: "Safety options for John" });
  const focusInDialog = () => page.evaluate(() => document.activeElement?.closest("dialog")?.getAttribute("open") ?? null);

  // Opened from the keyboard: focus moves into the dialog.
  await trigger.focus();
  await page.keyboard.press("Enter");
  await card.getByRole("menuitem", { name: "Report" }).click();
  const report = page.getByRole("dialog", { name: "Report John" });
  await expect(report).toBeVisible();
  expect(await focusInDialog()).not.toBeNull();

  // Tab never reaches the page behind it (it is inert while the dialog is open).
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const outside = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el !== document.body && !el.closest("dialog") ? el.outerHTML.slice(0, 80) : null;
    });
    expect(outside).toBeNull();
  }

  // Escape closes it and focus is back on the "⋯" button.
  await page.keyboard.press("Escape");
  await expect(report).toBeHidden();
  await expect(trigger).toBeFocused();

  // A click on the backdrop closes the confirmation the same way, and nothing was done.
  await trigger.click();
  await card.getByRole("menuitem", { name: "Unmatch" }).click();
  const confirm = page.getByRole("dialog", { name: "Unmatch John?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.mouse.click(5, 5);
  await expect(confirm).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(card).toBeVisible();
  await context.close();
});
