import { expect, test } from "@playwright/test";
import { loginViaApi } from "./support/auth";

test("demo member Sarah signs in and sees her pending match with John", async ({ context, page }) => {
  await loginViaApi(context, "sarah@meetcute.test", "meetcute-demo");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: /Hi Sarah/ })).toBeVisible();
  const john = page.getByTestId("match-row").filter({ hasText: "John" });
  await expect(john).toBeVisible();
  await expect(john).toContainText("Ready to meet");
});
