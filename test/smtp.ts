// A real SMTP listener in the test process (smtp-server), so tests read the real message the app
// sent over SMTP_URL, parsed by mailparser. test/setup-server.ts starts one per test file and
// points SMTP_URL at it before any app module reads its configuration; the journeys start one in
// the Playwright worker (e2e/support/mailbox.ts) on the port their server's SMTP_URL names.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { ParsedMail } from "mailparser";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The first link in the plain part that contains `path`. */
  link(path: string): string;
}

interface Mailbox {
  server: SMTPServer;
  url: string;
  received: ReceivedMail[];
  waiters: Set<() => void>;
  /** Per recipient, how many of their mails `nextMail` has handed out. */
  taken: Map<string, number>;
}

const g = globalThis as { meetcuteTestMailbox?: Mailbox };

function toMail(parsed: ParsedMail, to: string[]): ReceivedMail {
  const text = parsed.text ?? "";
  return {
    to,
    from: parsed.from?.text ?? "",
    subject: parsed.subject ?? "",
    text,
    html: typeof parsed.html === "string" ? parsed.html : "",
    link(path) {
      const found = text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(path));
      if (!found) throw new Error(`no link to ${path} in the mail "${parsed.subject}":\n${text}`);
      return found;
    },
  };
}

/** Starts the listener (once per process; on `port`, or one the OS picks) and returns its smtp:// URL. */
export async function startMailbox(port = 0): Promise<string> {
  if (g.meetcuteTestMailbox) return g.meetcuteTestMailbox.url;
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const { simpleParser } = await import("mailparser");
        const parsed = await simpleParser(Buffer.concat(chunks));
        received.push(toMail(parsed, session.envelope.rcptTo.map((r) => r.address.toLowerCase())));
        for (const w of [...waiters]) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  g.meetcuteTestMailbox = { server, url, received, waiters, taken: new Map() };
  return url;
}

function mailbox(): Mailbox {
  if (!g.meetcuteTestMailbox) throw new Error("the test mailbox is not running (test/setup-server.ts starts it)");
  return g.meetcuteTestMailbox;
}

/** Every mail received so far for `to`. */
export function mailsTo(to: string): ReceivedMail[] {
  return mailbox().received.filter((m) => m.to.includes(to.toLowerCase()));
}

/**
 * The next mail to `to` that no earlier call handed out, waiting for it if it has not arrived;
 * fails after `timeoutMs`. `n` (1-based) asks for a given one instead.
 *
 * Counted from what was handed out, not from what had arrived when the call was made: the app
 * sends mail after its response, so a test that acts, waits for the page, then asks for the mail
 * can find it already here. Asking for "one more than has arrived" then waited for a second
 * mail that never came (the reset journey on a loaded machine, once).
 */
export async function nextMail(to: string, { n, timeoutMs = 10_000 }: { n?: number; timeoutMs?: number } = {}): Promise<ReceivedMail> {
  const box = mailbox();
  const key = to.toLowerCase();
  const wanted = n ?? (box.taken.get(key) ?? 0) + 1;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsTo(to);
    if (mails.length >= wanted) {
      box.taken.set(key, Math.max(box.taken.get(key) ?? 0, wanted));
      return mails[wanted - 1]!;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no mail #${wanted} to ${to} within ${timeoutMs} ms (got ${mails.length})`);
    await new Promise<void>((resolve) => {
      const wake = () => {
        box.waiters.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, left);
      box.waiters.add(wake);
    });
  }
}

/** Forgets every mail received (a new test file starts with an empty mailbox, as after a restart). */
export function forgetMail(): void {
  const box = g.meetcuteTestMailbox;
  if (!box) return;
  box.received.length = 0;
  box.taken.clear();
}

export async function stopMailbox(): Promise<void> {
  const box = g.meetcuteTestMailbox;
  if (!box) return;
  g.meetcuteTestMailbox = undefined;
  await new Promise<void>((resolve) => box.server.close(() => resolve()));
}
