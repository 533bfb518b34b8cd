// coturn's `turnserver`, found or installed so that `npm test` needs no other command: the
// relay-only call journey (e2e/relay-ice.spec.ts) runs a local TURN server. Order:
//   1. TURNSERVER_PATH, when set (must exist: an explicit choice is never silently replaced);
//   2. `turnserver` on the PATH;
//   3. Debian's `coturn` package through apt-get, as root or with passwordless sudo;
//   4. otherwise an error naming the one command to run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { aptInstall, installCommand, type AptSystem } from "./apt";

export interface TurnserverSystem extends AptSystem {
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  /** `command -v turnserver`, or undefined. */
  onPath(name: string): string | undefined;
}

export class TurnserverNotFound extends Error {}

export const COTURN_PACKAGE = "coturn";

/** `install: false` only looks, as `playwright test` run directly does. */
export function resolveTurnserver(sys: TurnserverSystem, { install = true } = {}): string {
  const explicit = sys.env.TURNSERVER_PATH;
  if (explicit) {
    if (sys.exists(explicit)) return explicit;
    throw new TurnserverNotFound(`TURNSERVER_PATH is ${explicit}, which does not exist. Fix it or unset it.`);
  }
  const found = sys.onPath("turnserver");
  if (found) return found;
  if (install) {
    const r = aptInstall(sys, COTURN_PACKAGE);
    const installed = r?.ok ? sys.onPath("turnserver") : undefined;
    if (installed) return installed;
  }
  throw new TurnserverNotFound(
    "The relay-only call journey needs coturn's `turnserver` (a local TURN server), which is not installed " +
      `and could not be installed (that needs root or passwordless sudo). Run:\n  ${installCommand([COTURN_PACKAGE])}`,
  );
}

export function realTurnserverSystem(): TurnserverSystem {
  return {
    env: process.env,
    exists: existsSync,
    isRoot: () => userInfo().uid === 0,
    onPath: (name) => spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim() || undefined,
    run(cmd, args, timeoutMs) {
      const r = spawnSync(cmd, args, { timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, encoding: "utf8" });
      return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
    },
    log: (m) => console.log(m),
  };
}
