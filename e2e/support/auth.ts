import { expect, type BrowserContext, type Page } from "@playwright/test";

/** Signs a browser context in through next-auth's own endpoints (csrf, then credentials). */
export async function loginViaApi(context: BrowserContext, email: string, password: string) {
  const csrf = await context.request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(res.status()).toBe(200);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token"))).toBeTruthy();
}

export interface SignUpAnswers {
  name: string;
  email: string;
  password: string;
  birthDate?: string;
  city?: string;
  gender?: "Woman" | "Man";
  interestedIn?: "Men" | "Women";
}

/** Fills in the sign-up form as a newcomer does and sends it. */
export async function submitSignUpForm(page: Page, a: SignUpAnswers) {
  await page.goto("/signup");
  await page.getByLabel("First name").fill(a.name);
  await page.getByLabel("Email").fill(a.email);
  await page.getByLabel(/Password/).fill(a.password);
  await page.getByLabel("Birth date").fill(a.birthDate ?? "1995-06-15");
  await page.getByLabel("City").fill(a.city ?? "Lisbon");
  await page.getByRole("radio", { name: a.gender ?? "Woman", exact: true }).check();
  await page.getByRole("checkbox", { name: a.interestedIn ?? "Men", exact: true }).check();
  await page.getByRole("button", { name: "Create profile" }).click();
}
