import { expect, type BrowserContext } from "@playwright/test";

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
