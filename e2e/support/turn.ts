// A local coturn for relay-only journeys (relay-ice, network-drop): a TURN server on a free port
// with a shared secret (TURN REST credentials, as production uses), loopback peers allowed, and
// its own range of relay ports so two runs on one machine don't collide. `npm test` finds or
// installs `turnserver` (scripts/lib/coturn.ts); run directly, the journey only looks.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import { realTurnserverSystem, resolveTurnserver, TurnserverNotFound } from "../../scripts/lib/coturn";
import { freePort } from "../../scripts/lib/ports";

export interface TurnServer {
  port: number;
  secret: string;
  /** The app's environment for relay-only ICE through this server. */
  appEnv: Record<string, string>;
  process: ChildProcess;
  /** Everything it printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

function requireTurnserver(): string {
  try {
    return resolveTurnserver(realTurnserverSystem(), { install: false });
  } catch (e) {
    if (e instanceof TurnserverNotFound) throw new Error(`${e.message}\n(\`npm test\` installs it itself where it may.)`);
    throw e;
  }
}

const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/**
 * Starts coturn and resolves once it accepts connections. `maxBytesPerSecond` caps what each TURN
 * session may carry, each way (coturn's `--max-bps`: what goes over is dropped): a relay-only
 * call then has that bottleneck, as a poor mobile link would.
 */
export async function startTurnServer({ timeoutMs = 15_000, maxBytesPerSecond }: { timeoutMs?: number; maxBytesPerSecond?: number } = {}): Promise<TurnServer> {
  const port = await freePort();
  const secret = randomBytes(24).toString("hex");
  const relayFrom = 40_000 + Math.floor(Math.random() * 200) * 100;
  const child = spawn(
    requireTurnserver(),
    [
      "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", `--listening-port=${port}`,
      `--min-port=${relayFrom}`, `--max-port=${relayFrom + 99}`,
      "--use-auth-secret", `--static-auth-secret=${secret}`, "--realm=meetcute",
      "--no-tls", "--no-dtls", "--allow-loopback-peers", "--no-cli", `--cli-password=${randomBytes(8).toString("hex")}`,
      "--log-file=stdout", "--simple-log",
      ...(maxBytesPerSecond ? [`--max-bps=${maxBytesPerSecond}`] : []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let printed = "";
  child.stdout!.on("data", (d) => (printed += `[turn] ${d}`));
  child.stderr!.on("data", (d) => (printed += `[turn] ${d}`));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGCONT"); // a frozen server must wake to hear SIGTERM
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const until = Date.now() + timeoutMs;
  while (!(await tcpOpen(port))) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with code ${child.exitCode}:\n${printed}`);
    if (Date.now() > until) {
      await stop();
      throw new Error(`turnserver did not listen within ${timeoutMs} ms:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    secret,
    appEnv: { ICE_TRANSPORT_POLICY: "relay", TURN_URLS: `turn:127.0.0.1:${port}?transport=udp`, TURN_SECRET: secret },
    process: child,
    output: () => printed,
    stop,
  };
}
