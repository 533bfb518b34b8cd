import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { Tx } from "@/lib/db";
import { afterCommit } from "@/lib/db/transaction";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Outgoing mail over SMTP_URL (nodemailer). Production requires it (lib/env.ts); `npm run dev`
// starts a local catcher and sets it; tests run a real SMTP listener (test/smtp.ts).

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transporter: { url: string; transport: Transporter } | undefined;

function transport(url: string): Transporter {
  if (transporter?.url !== url) {
    // Bounded waits: a slow or silent SMTP server must not hold a send (and its memory) for ever.
    transporter = { url, transport: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  return transporter.transport;
}

/** Sends one mail now. Throws when the SMTP server refuses it or cannot be reached. */
export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    // Only outside production (env() refuses production without it), e.g. `next dev` run by hand.
    log.warn({ to: mail.to, subject: mail.subject, text: mail.text }, "SMTP_URL is not set: mail not sent (its text is logged here)");
    return;
  }
  await transport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
  log.info({ subject: mail.subject }, "mail sent");
}

/**
 * Sends `mail` once the transaction `tx` commits, in the background: a slow SMTP server delays no
 * request, a rolled-back change sends nothing, and a failure is logged (lib/db/transaction.ts).
 */
export function sendMailAfterCommit(tx: Tx, mail: Mail): void {
  afterCommit(tx, `mail: ${mail.subject}`, () => sendMail(mail), { background: true });
}
