// `npm run dev`'s mail catcher: an SMTP listener (smtp-server) that keeps every message in memory
// and a tiny inbox page to read them, so sign-up confirmations and reset links work with no mail
// service. Development only: production sends through SMTP_URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

interface Message {
  id: number;
  at: Date;
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const linkify = (s: string) => escape(s).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`);

const MAX_MESSAGES = 200;

export async function startDevMailbox({ smtpPort = 0, webPort = 0 } = {}) {
  const messages: Message[] = [];
  let nextId = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          messages.unshift({
            id: nextId++,
            at: new Date(),
            to: session.envelope.rcptTo.map((r) => r.address).join(", "),
            subject: m.subject ?? "(no subject)",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
          });
          messages.length = Math.min(messages.length, MAX_MESSAGES);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));

  const web = http.createServer((req, res) => {
    const html = req.url?.match(/^\/messages\/(\d+)\/html$/);
    if (html) {
      const m = messages.find((x) => x.id === Number(html[1]));
      // The mail's own HTML, sandboxed: no script runs, links open normally.
      res.writeHead(m ? 200 : 404, { "content-type": "text/html; charset=utf-8", "content-security-policy": "sandbox allow-popups allow-top-navigation-by-user-activation" });
      return res.end(m?.html ?? "Not found");
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="refresh" content="5">
<title>Meetcute dev inbox</title>
<body style="font-family:system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 12px;color:#0f172a">
<h1 style="font-size:22px">💕 Meetcute dev inbox <small style="font-weight:normal;color:#64748b">(${messages.length}; refreshes every 5 s)</small></h1>
${messages.length === 0 ? "<p>No mail yet. Sign up or ask for a password reset.</p>" : ""}
${messages
  .map(
    (m) => `<article style="border:1px solid #e2e8f0;border-radius:12px;padding:12px 16px;margin:12px 0">
<p style="margin:0;color:#64748b;font-size:13px">${escape(m.at.toLocaleTimeString())} · to ${escape(m.to)} · <a href="/messages/${m.id}/html">HTML version</a></p>
<h2 style="font-size:17px;margin:6px 0">${escape(m.subject)}</h2>
<pre style="white-space:pre-wrap;font-family:inherit;margin:0">${linkify(m.text)}</pre></article>`,
  )
  .join("\n")}`);
  });
  await new Promise<void>((resolve) => web.listen(webPort, "127.0.0.1", resolve));

  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    inboxUrl: `http://localhost:${(web.address() as AddressInfo).port}`,
    stop: () => Promise.all([new Promise((r) => smtp.close(() => r(null))), new Promise((r) => web.close(() => r(null)))]),
  };
}
