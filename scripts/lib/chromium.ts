// The Chromium the journeys run in, found or installed so that `npm test` needs no other command.
// Order (docs/testing.md, "Which Chromium", says the same):
//   1. CHROMIUM_PATH, when set (must exist: an explicit choice is never silently replaced);
//   2. a browser already on the machine: Playwright's managed Chromium, then a system Chromium;
//   3. `playwright install chromium`, where the network allows it (short timeout; fails offline);
//   4. Debian's `chromium` package through apt-get, as root or with passwordless sudo;
//   5. otherwise an error naming these options.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { userInfo } from "node:os";
import path from "node:path";
import { aptInstall, type AptSystem } from "./apt";

/** Where Debian's (and most distributions') Chromium packages put their launcher. */
export const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 120_000;

/** Everything the resolver asks of the machine, injectable for tests. */
export interface ChromiumSystem extends AptSystem {
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
  /** Path of Playwright's managed Chromium for this Playwright version (installed or not). */
  playwrightChromium(): string;
}

export class ChromiumNotFound extends Error {}

/** `install: false` only looks (steps 1, 2 and 5), as `playwright test` run directly does. */
export function resolveChromium(sys: ChromiumSystem, { install = true } = {}): string {
  const explicit = sys.env.CHROMIUM_PATH;
  if (explicit) {
    if (sys.exists(explicit)) return explicit;
    throw new ChromiumNotFound(`CHROMIUM_PATH is ${explicit}, which does not exist. Fix it or unset it.`);
  }

  const managed = sys.playwrightChromium();
  const installed = [managed, ...SYSTEM_CHROMIUMS].find((p) => sys.exists(p));
  if (installed) return installed;
  if (!install) throw new ChromiumNotFound(notFoundMessage());

  sys.log("No Chromium found; trying `playwright install chromium`…");
  const download = sys.run("npx", ["playwright", "install", "chromium"], PLAYWRIGHT_INSTALL_TIMEOUT_MS);
  if (download.ok && sys.exists(managed)) return managed;
  sys.log(`playwright install chromium failed (offline?): ${download.output.trim().split("\n").at(-1) ?? ""}`);

  const r = aptInstall(sys, "chromium");
  const system = SYSTEM_CHROMIUMS.find((p) => sys.exists(p));
  if (r?.ok && system) return system;

  throw new ChromiumNotFound(notFoundMessage());
}

function notFoundMessage() {
  return [
    "The journeys need Chromium and none could be found or installed. Any one of these works:",
    "  • set CHROMIUM_PATH to a Chromium or Chrome executable;",
    "  • run `npx playwright install chromium` (needs access to Playwright's download servers);",
    "  • install your system's package, e.g. `sudo apt-get install -y chromium` on Debian/Ubuntu",
    "    (`npm test` does this itself when run as root or with passwordless sudo).",
  ].join("\n");
}

export function realSystem(root: string): ChromiumSystem {
  return {
    env: process.env,
    exists: existsSync,
    isRoot: () => userInfo().uid === 0,
    playwrightChromium() {
      // playwright-core is @playwright/test's own engine (same version), reached through it.
      const fromTest = createRequire(createRequire(path.join(root, "package.json")).resolve("@playwright/test"));
      return (fromTest("playwright-core") as typeof import("playwright-core")).chromium.executablePath();
    },
    run(cmd, args, timeoutMs) {
      const bin = cmd === "npx" ? path.join(root, "node_modules/.bin", args[0]) : cmd;
      const r = spawnSync(bin, cmd === "npx" ? args.slice(1) : args, {
        cwd: root,
        timeout: timeoutMs,
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
        encoding: "utf8",
      });
      return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
    },
    log: (m) => console.log(m),
  };
}
