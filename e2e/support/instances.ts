// Extra app instances for journeys about several servers on one database: another
// `next start` of the same build (same dist dir, database and NEXTAUTH_SECRET) on a free port.
// A session cookie from one instance works on the other: cookies are per host, not per port.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { freePort } from "../../scripts/lib/ports";
import { appServerEnv, KEEP_ALIVE_TIMEOUT_MS } from "./server-env";

export interface AppInstance {
  baseURL: string;
  port: number;
  /** Everything it printed, for a failure message. */
  output(): string;
  /** Sends a signal (e.g. SIGTERM, as an orchestrator would) and resolves with the exit code. */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  stop(): Promise<void>;
}

async function waitUntilHealthy(baseURL: string, child: ChildProcess, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app instance exited (${child.exitCode}) before it was up:\n${output()}`);
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`app instance at ${baseURL} not healthy within ${timeoutMs} ms:\n${output()}`);
}

export interface InstanceOptions {
  timeoutMs?: number;
  /** A port of its own by default; a restarted instance takes its predecessor's (same origin). */
  port?: number;
  /** Overrides of the journeys' server environment (e.g. another DATABASE_URL). */
  env?: Record<string, string>;
}

/** Starts another instance of the built app and resolves once /api/health answers. */
export async function startAppInstance({ timeoutMs = 60_000, port: chosenPort, env = {} }: InstanceOptions = {}): Promise<AppInstance> {
  const port = chosenPort ?? (await freePort());
  const baseURL = `http://localhost:${port}`;
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "--port", String(port), "--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS)], {
    env: { ...process.env, ...appServerEnv(baseURL), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  child.stdout?.on("data", (chunk) => (printed += chunk));
  child.stderr?.on("data", (chunk) => (printed += chunk));
  const output = () => printed;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilHealthy(baseURL, child, timeoutMs, output);
  } catch (err) {
    await stop();
    throw err;
  }
  const signal = async (sig: NodeJS.Signals) => {
    const exited = once(child, "exit") as Promise<[number | null]>;
    child.kill(sig);
    return (await exited)[0];
  };
  return { baseURL, port, output, signal, stop };
}
