// npm test — everything: Vitest (unit + integration on a real PostgreSQL), a production build,
// then Playwright journeys in real Chromium against it. One PostgreSQL server (embedded unless
// DATABASE_URL) holds two fresh databases, one per runner. The journeys' Chromium is found or
// installed (scripts/lib/chromium.ts) and their server takes a free port (unless E2E_PORT).
//   npm test -- --only=unit | --only=e2e     run one half
//   npm run screenshots                      (--screenshots) only the screenshot specs
//   extra arguments after `--` go to both runners (e.g. a file filter)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ChromiumNotFound, realSystem, resolveChromium } from "./lib/chromium";
import { provideDatabase, ROOT } from "./lib/database";
import { freePort } from "./lib/ports";
import { applyMigrations } from "./lib/migrations";
import { generatePrismaClient } from "./generate";

const args = process.argv.slice(2);
const screenshots = args.includes("--screenshots");
const only = screenshots ? "e2e" : args.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const rest = args.filter((a) => !a.startsWith("--only=") && a !== "--screenshots");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const timings: string[] = [];

function run(label: string, cmd: string, cmdArgs: string[], env: Record<string, string>): boolean {
  const t = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

const t0 = Date.now();
// Before anything slow: without a browser the journeys cannot run.
let chromium = "";
if (only !== "unit") {
  try {
    chromium = resolveChromium(realSystem(ROOT));
  } catch (e) {
    if (!(e instanceof ChromiumNotFound)) throw e;
    console.error(`\n${e.message}`);
    process.exit(1);
  }
  console.log(`Chromium: ${chromium}`);
}
generatePrismaClient();
// Imported after generation: the seed uses the generated Prisma client (absent on a fresh clone).
const { seedDemo } = await import("./lib/demo-data");
const db = await provideDatabase("test", "meetcute_test");
let ok = true;
try {
  ok = run("typecheck (tsc)", bin("tsc"), ["--noEmit", "-p", "."], {});
  if (only !== "e2e" && ok) {
    const url = await db.extra("meetcute_unit", { recreate: true });
    await applyMigrations(url, { log: () => {} });
    ok = run("vitest (unit + integration)", bin("vitest"), ["run", ...rest], { TEST_DATABASE_URL: url, DATABASE_URL: url }) && ok;
  }
  if (only !== "unit" && ok) {
    const url = await db.extra("meetcute_e2e", { recreate: true });
    await applyMigrations(url, { log: () => {} });
    await seedDemo(url, { log: () => {} });
    const e2eEnv = {
      DATABASE_URL: url,
      E2E_DATABASE_URL: url,
      NEXT_DIST_DIR: ".next-test",
      MEETCUTE_TYPECHECKED: "1",
      CHROMIUM_PATH: chromium,
      E2E_PORT: process.env.E2E_PORT || String(await freePort()),
      ...(screenshots ? { E2E_SCREENSHOTS: "1" } : {}),
    };
    ok = run("next build", bin("next"), ["build"], e2eEnv) && ok;
    if (ok) ok = run(screenshots ? "playwright screenshots" : "playwright journeys", bin("playwright"), ["test", ...rest], e2eEnv) && ok;
  }
} finally {
  await db.stop();
}
console.log(`\n${timings.join("\n")}\ntotal: ${((Date.now() - t0) / 1000).toFixed(1)} s — ${ok ? "PASS" : "FAIL"}`);
process.exit(ok ? 0 : 1);
