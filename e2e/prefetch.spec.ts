import { expect, test, type Page, type Request } from "@playwright/test";
import { loginViaApi } from "./support/auth";
import { createPair } from "./support/db";

// Every page is rendered per request (the nonce CSP), so a link Next.js prefetches on sight is a
// server render and an RSC payload decoded on the phone's main thread at every page load: the
// dashboard made 8 such requests for its links. Links prefetch when reached for instead
// (components/ui/IntentLink.tsx): pointer over, focus, touch.

/** The RSC requests (prefetches and navigations) the page makes from now on. */
function rscRequests(page: Page): URL[] {
  const seen: URL[] = [];
  page.on("request", (r: Request) => {
    if (r.headers()["rsc"] === "1") seen.push(new URL(r.url()));
  });
  return seen;
}

test("a member page prefetches no other page on load; a link prefetches when reached for, and still navigates", async ({ browser }) => {
  const { caller } = await createPair("Sarah", "John");
  const context = await browser.newContext();
  await loginViaApi(context, caller.email, caller.password);
  const page = await context.newPage();
  const rsc = rscRequests(page);

  await page.goto("/dashboard");
  const nav = page.getByRole("navigation", { name: "Main" });
  const matchesLink = nav.getByRole("link", { name: "Matches" });
  // Reached for: the pointer comes over the link (again and again until the page has hydrated and
  // the prefetch goes out).
  await expect
    .poll(async () => {
      await page.mouse.move(1, 500);
      await matchesLink.hover();
      return rsc.map((u) => u.pathname);
    })
    .toContain("/matches");
  await matchesLink.click();
  await expect(page).toHaveURL(/\/matches$/);
  await expect(page.getByTestId("match-card").filter({ hasText: "John" })).toBeVisible();
  // From the dashboard's hydration to the matches page on screen, both pages' links in view (the
  // header's, John's card): on-sight prefetching would have fetched them. Only /matches was.
  expect(new Set(rsc.map((u) => u.pathname)), "pages fetched").toEqual(new Set(["/matches"]));

  // Keyboard: focusing a link prefetches it too.
  const before = rsc.length;
  await nav.getByRole("link", { name: "Profile" }).focus();
  await expect.poll(() => rsc.slice(before).map((u) => u.pathname)).toContain("/profile");
  await context.close();
});
