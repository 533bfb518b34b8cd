import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendMail } from "@/lib/email/mailer";
import { mailsTo, nextMail } from "@/test/smtp";

const mail = (to: string, subject: string) => ({ to, subject, text: `${subject}\nhttps://meetcute.test/x`, html: `<p>${subject}</p>` });

describe("sendMail over SMTP_URL, read back by the test mailbox", () => {
  it("delivers plain and HTML parts to the listener", async () => {
    const to = `robin-${randomUUID()}@test.meetcute`;
    await sendMail(mail(to, "Hello"));
    const got = await nextMail(to);
    expect(got).toMatchObject({ to: [to], subject: "Hello", html: "<p>Hello</p>" });
    expect(got.link("/x")).toBe("https://meetcute.test/x");
  });

  // The app mails after its response (sendMailAfterCommit), so a test that acts, waits for the
  // page and then asks can find the mail already delivered. It is still the next mail.
  it("hands out a mail that arrived before it was asked for, and each mail once, in order", async () => {
    const to = `robin-${randomUUID()}@test.meetcute`;
    await sendMail(mail(to, "First"));
    await expect.poll(() => mailsTo(to).length).toBe(1);
    expect((await nextMail(to, { timeoutMs: 2_000 })).subject).toBe("First");
    await sendMail(mail(to, "Second"));
    expect((await nextMail(to, { timeoutMs: 2_000 })).subject).toBe("Second");
    await expect(nextMail(to, { timeoutMs: 200 })).rejects.toThrow(/no mail #3/);
    // An explicit `n` still reads any one of them.
    expect((await nextMail(to, { n: 1 })).subject).toBe("First");
  });
});
