// npm test — everything: Vitest (unit + integration on a real PostgreSQL), a production build,
// then Playwright journeys in real Chromium against it. One PostgreSQL server (embedded unless
// DATABASE_URL) holds two fresh databases, one per runner. The journeys' Chromium is found or
// installed (scripts/lib/chromium.ts) and their server takes a free port (unless E2E_PORT).
//   npm test -- --only=unit | --only=e2e     run one half
//   npm run screenshots                      (--screenshots) only the screenshot specs
//   extra arguments after `--` go to both runners (e.g. a file filter)
import { spawn } from "node:child_process";
import path from "node:path";
import { installCommand } from "./lib/apt";
import { ChromiumNotFound, realSystem, resolveChromium } from "./lib/chromium";
import { COTURN_PACKAGE, realTurnserverSystem, resolveTurnserver, TurnserverNotFound } from "./lib/coturn";
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

function exitUnless(passed: boolean, message: string) {
  if (passed) return;
  console.error(`\n${message}`);
  process.exit(1);
}

/**
 * Runs one stage and records its time. Stages that run side by side are awaited together; with
 * `capture`, a stage's output is held and printed when it ends, so their lines don't interleave.
 */
function run(label: string, cmd: string, cmdArgs: string[], env: Record<string, string>, { capture = false } = {}): Promise<boolean> {
  const t = Date.now();
  console.log(`\n▶ ${label}${capture ? " (its output follows when it ends)" : ""}`);
  const child = spawn(cmd, cmdArgs, { cwd: ROOT, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const output: Buffer[] = [];
  child.stdout?.on("data", (b: Buffer) => output.push(b));
  child.stderr?.on("data", (b: Buffer) => output.push(b));
  // A command that cannot start (e.g. missing) fails its stage; "close" still follows.
  child.on("error", (err) => console.error(`\n${label}: ${err.message}`));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      if (capture) console.log(`\n▶ ${label}: done${output.length ? `\n${Buffer.concat(output).toString()}` : ""}`);
      resolve(code === 0);
    });
  });
}

const t0 = Date.now();
// First, ~1 s: the lockfile must be one `npm ci` accepts (every CI system and every fresh clone
// installs with it). From the cache where it can: nothing is installed or written.
exitUnless(
  await run("lockfile (npm ci --dry-run)", "npm", ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], {}),
  "package-lock.json is not one `npm ci` accepts: run `npm install` and commit package-lock.json.",
);
// Before anything slow: the system tools the journeys need, found or installed (as root or with
// passwordless sudo). Where they can't be installed, stop now and say the one command to run.
let chromium = "";
let turnserver = "";
if (only !== "unit") {
  const missing: string[] = [];
  try {
    chromium = resolveChromium(realSystem(ROOT));
  } catch (e) {
    if (!(e instanceof ChromiumNotFound)) throw e;
    console.error(`\n${e.message}`);
    missing.push("chromium");
  }
  if (!screenshots) {
    try {
      turnserver = resolveTurnserver(realTurnserverSystem());
    } catch (e) {
      if (!(e instanceof TurnserverNotFound)) throw e;
      console.error(`\n${e.message}`);
      missing.push(COTURN_PACKAGE);
    }
  }
  if (missing.length) {
    console.error(`\nThe journeys cannot run on this machine yet. The one command to run:\n  ${installCommand(missing)}\n`);
    process.exit(1);
  }
  console.log(`Chromium: ${chromium}${turnserver ? `\nturnserver: ${turnserver}` : ""}`);
}
generatePrismaClient();
// Imported after generation: the seed uses the generated Prisma client (absent on a fresh clone).
const { seedDemo } = await import("./lib/demo-data");
const db = await provideDatabase("test", "meetcute_test");
let ok = true;
try {
  let e2eEnv: Record<string, string> = {};
  if (only !== "unit") {
    const url = await db.extra("meetcute_e2e", { recreate: true });
    await applyMigrations(url, { log: () => {} });
    await seedDemo(url, { log: () => {} });
    e2eEnv = {
      DATABASE_URL: url,
      E2E_DATABASE_URL: url,
      NEXT_DIST_DIR: ".next-test",
      MEETCUTE_TYPECHECKED: "1",
      CHROMIUM_PATH: chromium,
      ...(turnserver ? { TURNSERVER_PATH: turnserver } : {}),
      E2E_PORT: process.env.E2E_PORT || String(await freePort()),
      ...(screenshots ? { E2E_SCREENSHOTS: "1" } : {}),
    };
  }
  // The typecheck runs beside the production build: tsc keeps one core busy, the build mostly
  // the other (18 s + 39 s one after the other on 2 cores; ~45 s side by side). The build skips
  // its own typecheck (MEETCUTE_TYPECHECKED): this one counts.
  const [typed, built] = await Promise.all([
    run("typecheck (tsc)", bin("tsc"), ["--noEmit", "-p", "tsconfig.typecheck.json"], {}, { capture: only !== "unit" }),
    only !== "unit" ? run("next build", bin("next"), ["build"], e2eEnv) : Promise.resolve(true),
  ]);
  ok = typed && built;
  if (only !== "e2e" && ok) {
    const url = await db.extra("meetcute_unit", { recreate: true });
    await applyMigrations(url, { log: () => {} });
    ok = (await run("vitest (unit, integration, components)", bin("vitest"), ["run", ...rest], { TEST_DATABASE_URL: url, DATABASE_URL: url })) && ok;
  }
  if (only !== "unit" && ok) {
    ok = (await run(screenshots ? "playwright screenshots" : "playwright journeys", bin("playwright"), ["test", ...rest], e2eEnv)) && ok;
  }
} finally {
  await db.stop();
}
console.log(`\n${timings.join("\n")}\ntotal: ${((Date.now() - t0) / 1000).toFixed(1)} s — ${ok ? "PASS" : "FAIL"}`);
process.exit(ok ? 0 : 1);
