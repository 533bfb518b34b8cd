import "server-only";
import type { Mail } from "@/lib/email/mailer";

// Every mail Meetcute sends, as a plain-text part and an HTML part that say the same thing in the
// site's voice. Pure: the caller supplies the links. Names are escaped in the HTML part.

/** The site's public URL for links in mail: NEXTAUTH_URL (required in production). */
export function siteUrl(): string {
  return (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Body {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  button?: { label: string; url: string };
  after?: string[];
}

function compose({ to, subject, greeting, paragraphs, button, after = [] }: Body): Mail {
  const sign = "See you soon,\nMeetcute 💕";
  const text = [greeting, ...paragraphs, ...(button ? [`${button.label}: ${button.url}`] : []), ...after, sign].join("\n\n") + "\n";
  const p = (t: string) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#334155">${escapeHtml(t)}</p>`;
  const html = `<!doctype html>
<html><body style="margin:0;background:#fdf2f8;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="padding:32px 12px"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:480px;background:#ffffff;border-radius:16px;padding:32px">
<tr><td>
<p style="margin:0 0 24px;font-size:22px;font-weight:800;color:#0f172a">💕 Meet<span style="color:#db2777">cute</span></p>
${p(greeting)}
${paragraphs.map(p).join("\n")}
${button ? `<p style="margin:24px 0"><a href="${escapeHtml(button.url)}" style="display:inline-block;background:#db2777;color:#ffffff;text-decoration:none;font-weight:700;padding:12px 20px;border-radius:12px">${escapeHtml(button.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#64748b">Or paste this link into your browser:<br><span style="word-break:break-all">${escapeHtml(button.url)}</span></p>` : ""}
${after.map(p).join("\n")}
<p style="margin:24px 0 0;font-size:16px;line-height:1.5;color:#334155">See you soon,<br>Meetcute 💕</p>
</td></tr></table>
</td></tr></table>
</body></html>`;
  return { to, subject, text, html };
}

export function confirmEmailMail(to: string, name: string, link: string): Mail {
  return compose({
    to,
    subject: "Confirm your email for Meetcute",
    greeting: `Hi ${name},`,
    paragraphs: ["Welcome to Meetcute! One quick step before your first video date: confirm that this is your email address."],
    button: { label: "Confirm my email", url: link },
    after: ["The link works once, for 24 hours. If you didn't sign up, ignore this mail and nothing happens."],
  });
}

export function alreadyRegisteredMail(to: string, signInLink: string, resetLink: string): Mail {
  return compose({
    to,
    subject: "You already have a Meetcute account",
    greeting: "Hi there,",
    paragraphs: [
      "Someone (hopefully you) just tried to create a Meetcute account with this email address. You already have one, so we didn't make a second.",
      `Sign in here: ${signInLink}`,
    ],
    button: { label: "Reset my password", url: resetLink },
    after: ["Forgotten your password? The button above lets you choose a new one. If this wasn't you, ignore this mail: your account is unchanged."],
  });
}

export function passwordResetMail(to: string, link: string): Mail {
  return compose({
    to,
    subject: "Reset your Meetcute password",
    greeting: "Hi there,",
    paragraphs: ["We got a request to reset the password of your Meetcute account. Choose a new one here:"],
    button: { label: "Choose a new password", url: link },
    after: [
      "The link works once, for 30 minutes. Setting a new password signs you out on every device.",
      "If you didn't ask for this, ignore this mail: your password stays as it is.",
    ],
  });
}
