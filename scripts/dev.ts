// npm run dev — the whole site on one command: a database (embedded unless DATABASE_URL),
// migrations, demo data on an empty database, a mail catcher unless SMTP_URL is set, then
// `next dev`. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import path from "node:path";
import { provideDatabase, ROOT } from "./lib/database";
import { applyMigrations } from "./lib/migrations";
import { ensurePrismaClient } from "./generate";
import { startDevMailbox } from "./lib/dev-mailbox";

const started = Date.now();
const port = process.env.PORT ?? "3000";

ensurePrismaClient();
// Imported after generation: the seed uses the generated Prisma client.
const { isEmpty, seedDemo } = await import("./lib/demo-data");
const db = await provideDatabase("dev");
await applyMigrations(db.url);
if (await isEmpty(db.url)) await seedDemo(db.url);
// No SMTP server given: catch the mail here and show it on a page (DEV_INBOX_PORT, default 1080).
const mailbox = process.env.SMTP_URL ? null : await startDevMailbox({ webPort: Number(process.env.DEV_INBOX_PORT ?? 1080) }).catch(() => startDevMailbox());
if (mailbox) console.log(`mail is caught, not sent: read it at ${mailbox.inboxUrl}`);
console.log(`database ready in ${Date.now() - started} ms${db.embedded ? " (embedded PostgreSQL under .data/dev-pg)" : ""}`);

const child = spawn(path.join(ROOT, "node_modules/.bin/next"), ["dev", "--port", port, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: db.url,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(mailbox ? { SMTP_URL: mailbox.smtpUrl } : {}),
  },
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", async (code) => {
  await mailbox?.stop();
  await db.stop();
  process.exit(code ?? 0);
});
