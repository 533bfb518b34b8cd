// The journeys' mailbox: a real SMTP listener (test/smtp.ts) in the Playwright worker, on the port
// the server's SMTP_URL names (E2E_SMTP_PORT, chosen by playwright.config.ts). A worker fixture,
// so it listens for as long as the worker runs its tests.
import { test as base } from "@playwright/test";
import { nextMail, startMailbox, type ReceivedMail } from "../../test/smtp";

export const test = base.extend<{ mailbox: { next: (to: string) => Promise<ReceivedMail> } }, { smtpListener: string }>({
  smtpListener: [
    async ({}, use) => {
      await use(await startMailbox(Number(process.env.E2E_SMTP_PORT)));
    },
    { scope: "worker", auto: true },
  ],
  mailbox: async ({ smtpListener }, use) => {
    void smtpListener;
    await use({ next: (to) => nextMail(to, { timeoutMs: 20_000 }) });
  },
});
export { expect } from "@playwright/test";
