// The processes the bench measures: production `next start` instances on one database, and a
// bare Node `http` server as the machine's ceiling. Each runs in its own process group, killed
// on exit or Ctrl-C, so no server outlives the bench.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT } from "../lib/database";
import { freePort } from "../lib/ports";

export const DIST_DIR = ".next-bench";
const NEXT = path.join(ROOT, "node_modules/.bin/next");

const children = new Set<ChildProcess>();
let hooked = false;

/** Kills every process group the bench started; synchronous, so it also runs on `exit`. */
export function killServers() {
  for (const child of children) {
    try {
      // A profiled server (BENCH_CPU_PROF) gets SIGTERM, on which Node writes its profile.
      if (child.pid) process.kill(-child.pid, process.env.BENCH_CPU_PROF ? "SIGTERM" : "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  children.clear();
}

function track(child: ChildProcess) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  if (!hooked) {
    hooked = true;
    // The database module's own signal handler stops PostgreSQL, then exits: `exit` comes last.
    process.once("exit", killServers);
  }
}

export function serverEnv(databaseUrl: string, secret: string, { heapMb }: { heapMb?: number | null } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    MEETCUTE_TYPECHECKED: "1",
    // Production requires one; the bench sends no mail, so nothing needs to listen there.
    SMTP_URL: "smtp://127.0.0.1:2525",
    // The load generator is one client address holding every member's stream; a deployment's
    // members are thousands of addresses. (Left at 100, the ring and streams parts got 429s.)
    EVENT_STREAMS_PER_ADDRESS: "100000",
    EVENT_STREAMS_PER_INSTANCE: "1000000",
  };
  // Calls use direct WebRTC here whatever the shell has configured: the bench measures our server.
  for (const k of ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "NEXTAUTH_URL", "EVENTS_DATABASE_URL"]) delete env[k];
  // Bounding V8's old space is how a deployment bounds a server's memory (docs/operations.md, "Memory").
  if (heapMb) env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--max-old-space-size=${heapMb}`].filter(Boolean).join(" ");
  return env;
}

export function buildApp(env: NodeJS.ProcessEnv) {
  console.log(`building the production app into ${env.NEXT_DIST_DIR ?? DIST_DIR}/ (skip with --no-build) …`);
  const t = Date.now();
  const r = spawnSync(NEXT, ["build"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
    throw new Error("next build failed");
  }
  console.log(`built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

export interface AppServer {
  base: string;
  pid: number;
}

export async function startApp(env: NodeJS.ProcessEnv): Promise<AppServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ["start", "--port", String(port), "--hostname", "127.0.0.1"];
  // BENCH_CPU_PROF=dir: each server writes a V8 CPU profile there when the bench ends (Node 20
  // refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line).
  const prof = process.env.BENCH_CPU_PROF;
  const [command, argv] = prof
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${path.resolve(prof)}`, path.join(ROOT, "node_modules/next/dist/bin/next"), ...args]]
    : [NEXT, args];
  const child = spawn(command, argv, {
    cwd: ROOT,
    // A production server on plain-HTTP localhost: allowed only with this opt-in (lib/env.ts).
    env: { ...env, NEXTAUTH_URL: base, ALLOW_INSECURE_LOCALHOST: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  track(child);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { base, pid: child.pid! };
    await sleep(250);
  }
  throw new Error(`next start on ${base} never became healthy: ${stderr}`);
}

/** The machine's ceiling: Node's own `http` answering the poll's empty body, nothing else. */
export async function startCeiling(): Promise<string> {
  const port = await freePort();
  const code = `require("node:http").createServer((q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"pending_calls":[]}'); }).listen(${port}, "127.0.0.1", () => console.log("up"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"], detached: true });
  track(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (c) => reject(new Error(`ceiling server exited (${c})`)));
  });
  return `http://127.0.0.1:${port}`;
}

/**
 * Resident memory of a server: VmRSS of the process we spawned and all its descendants (`next
 * start` may run the server in a child process), in MB.
 */
export function rssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may contain spaces; the ppid follows the closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [p, pp] of parents) if (pp === tree[i]) tree.push(p);
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Exited while we looked.
    }
  }
  return kb / 1024;
}
