// npm run bench — measures the hot paths against a production build on a real PostgreSQL with a
// realistic amount of data, and prints a Markdown table for BENCHMARKS.md. Targets live here, in
// the printed verdict, never in a timed test.
//
//   npm run bench [-- --members=2000 --pollers=200 --seconds=15]
import { spawn, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { provideDatabase, ROOT } from "./lib/database";
import { freePort } from "./lib/embedded-db";
import { applyMigrations } from "./lib/migrations";
import { generatePrismaClient } from "./generate";

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt);
const MEMBERS = arg("members", 2000);
const POLLERS = arg("pollers", 200);
const SECONDS = arg("seconds", 15);
const SECRET = "meetcute-bench-secret-0123456789abcdef";

const TARGETS = {
  pendingP95Ms: 50, // the notification poll, every member, every 3 s
  startToVisibleP95Ms: 150, // start-call response + the callee's next poll sees it
  findMatchP95Ms: 300,
};

function quantile(xs: number[], q: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const fmt = (n: number) => n.toFixed(1);

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  c.on("error", (e) => console.error("seed connection:", e.message));
  await c.connect();
  // Members alternate woman/man looking for each other; half the pairs are matched, half pending,
  // with a history of ~5 completed calls per matched pair.
  await c.query(`
    INSERT INTO "User" (email, "passwordHash", "updatedAt", "lastActiveAt")
    SELECT 'bench' || i || '@bench.meetcute', 'x', now(), now() - (i % 500) * interval '1 minute' FROM generate_series(1, $1) i`, [MEMBERS]);
  await c.query(`
    INSERT INTO "Profile" ("userId", "displayName", "birthDate", gender, "interestedIn", city, interests, "updatedAt")
    SELECT id, 'Bench ' || id, date '1990-01-01' + (id % 3000), CASE WHEN id % 2 = 0 THEN 'woman'::"Gender" ELSE 'man'::"Gender" END,
           CASE WHEN id % 2 = 0 THEN ARRAY['man']::"Gender"[] ELSE ARRAY['woman']::"Gender"[] END,
           (ARRAY['Lisbon','Porto','Braga'])[1 + id % 3], (ARRAY['jazz','hiking','films','books'])[1:1 + id % 4], now()
    FROM "User"`);
  await c.query(`
    INSERT INTO "Match" ("userAId", "userBId", status, "updatedAt")
    SELECT id, id + 1, CASE WHEN id % 4 = 1 THEN 'matched'::"MatchStatus" ELSE 'pending'::"MatchStatus" END, now()
    FROM "User" WHERE id % 2 = 1 AND id + 1 <= $1`, [MEMBERS]);
  await c.query(`
    INSERT INTO "CallSession" (id, "matchId", "callerId", "calleeId", kind, status, "createdAt", "answeredAt", "endedAt")
    SELECT gen_random_uuid(), m.id, m."userAId", m."userBId", 'repeat', 'completed',
           now() - g * interval '1 day', now() - g * interval '1 day' + interval '5 seconds', now() - g * interval '1 day' + interval '10 minutes'
    FROM "Match" m CROSS JOIN generate_series(1, 5) g WHERE m.status = 'matched'`);
  const { rows } = await c.query(`SELECT (SELECT count(*) FROM "User") u, (SELECT count(*) FROM "Match") m, (SELECT count(*) FROM "CallSession") s`);
  await c.query("ANALYZE");
  await c.end();
  return rows[0];
}

async function cookieFor(id: number) {
  return `next-auth.session-token=${await encode({ token: { uid: id, role: "member", sub: String(id) }, secret: SECRET })}`;
}

generatePrismaClient();
const db = await provideDatabase("tool", "meetcute_bench");
const port = await freePort();
const base = `http://localhost:${port}`;
let server: ReturnType<typeof spawn> | undefined;
try {
  await applyMigrations(db.url, { log: () => {} });
  const counts = await seed(db.url);
  console.log("seeded", counts);
  const env = { ...process.env, DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: base, ALLOW_INSECURE_LOCALHOST: "1", NEXT_DIST_DIR: ".next-bench", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", MEETCUTE_TYPECHECKED: "1" };
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { cwd: ROOT, env, stdio: "ignore" });
  if (build.status !== 0) throw new Error("next build failed");
  console.log("built; starting server");
  server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "--port", String(port)], { cwd: ROOT, env, stdio: "ignore" });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await sleep(500);
  }

  // 1. The notification poll: POLLERS members each polling pending-calls every 3 s, while a
  // background of calls rings for some of them.
  const cookies = await Promise.all(Array.from({ length: POLLERS }, (_, i) => cookieFor(i + 1)));
  for (const c of cookies) await fetch(`${base}/api/video/pending-calls`, { headers: { cookie: c } }); // warm-up
  const latencies: number[] = [];
  let errors = 0;
  const stopAt = Date.now() + SECONDS * 1000;
  await Promise.all(
    cookies.map(async (cookie, i) => {
      await sleep((i / POLLERS) * 3000);
      while (Date.now() < stopAt) {
        const t = performance.now();
        const r = await fetch(`${base}/api/video/pending-calls`, { headers: { cookie } });
        await r.arrayBuffer();
        if (!r.ok) errors++;
        latencies.push(performance.now() - t);
        await sleep(3000);
      }
    }),
  );

  // 2. Start a call and see it from the callee's side: start-call + one pending-calls poll.
  const ring: number[] = [];
  for (let i = 0; i < 60; i++) {
    const caller = 2 * i + 1;
    const callee = caller + 1;
    const [cc, ce] = [await cookieFor(caller), await cookieFor(callee)];
    const { rows } = await (async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const r = await c.query(`SELECT id FROM "Match" WHERE "userAId" = $1`, [caller]);
      await c.end();
      return r;
    })();
    const t = performance.now();
    const s = await fetch(`${base}/api/video/start-call`, { method: "POST", headers: { cookie: cc, "content-type": "application/json" }, body: JSON.stringify({ match_id: rows[0].id }) });
    const session = (await s.json()) as { session_id: string };
    const p = (await (await fetch(`${base}/api/video/pending-calls`, { headers: { cookie: ce } })).json()) as { pending_calls: { session_id: string }[] };
    if (!p.pending_calls.some((x) => x.session_id === session.session_id)) errors++;
    ring.push(performance.now() - t);
    await fetch(`${base}/api/video/sessions/${session.session_id}/cancel`, { method: "POST", headers: { cookie: cc, "content-type": "application/json" }, body: "{}" });
  }

  // 3. Find my match over MEMBERS candidates.
  const find: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const r = await fetch(`${base}/api/matches/find`, { method: "POST", headers: { cookie: await cookieFor(MEMBERS - i), "content-type": "application/json" }, body: "{}" });
    await r.arrayBuffer();
    if (r.status >= 500) errors++;
    find.push(performance.now() - t);
  }

  const rows = [
    ["pending-calls poll", latencies, TARGETS.pendingP95Ms],
    ["start-call → callee sees it", ring, TARGETS.startToVisibleP95Ms],
    ["find my match", find, TARGETS.findMatchP95Ms],
  ] as const;
  console.log(`\ndata: ${counts.u} members, ${counts.m} matches, ${counts.s} call sessions; ${POLLERS} members polling every 3 s for ${SECONDS} s; errors: ${errors}\n`);
  console.log("| what | requests | p50 ms | p95 ms | p99 ms | target p95 | verdict |\n| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, xs, target] of rows) {
    const p95 = quantile(xs, 0.95);
    console.log(`| ${name} | ${xs.length} | ${fmt(quantile(xs, 0.5))} | ${fmt(p95)} | ${fmt(quantile(xs, 0.99))} | ${target} | ${p95 <= target ? "✅ met" : "❌ missed"} |`);
  }
} finally {
  server?.kill("SIGTERM");
  await db.stop();
}
