// Installing a Debian package for the suite, as root or with passwordless sudo: the one way
// `npm test` obtains the system tools its journeys need (Chromium, coturn) on a fresh machine.

const APT_TIMEOUT_MS = 600_000;

export interface CommandResult {
  ok: boolean;
  /** Last lines of the command's output, for the log when it fails. */
  output: string;
}

/** What installing asks of the machine, injectable for tests. */
export interface AptSystem {
  isRoot(): boolean;
  run(cmd: string, args: string[], timeoutMs: number): CommandResult;
  log(message: string): void;
}

/** `sudo -n` when not root but sudo needs no password; `[]` as root; undefined when neither. */
export function privilege(sys: AptSystem): string[] | undefined {
  if (sys.isRoot()) return [];
  return sys.run("sudo", ["-n", "true"], 10_000).ok ? ["sudo", "-n"] : undefined;
}

/**
 * `apt-get install -y <pkg>`, once more after `apt-get update` when it fails (a fresh machine's
 * package lists may be missing or stale). Undefined when we may not install at all.
 */
export function aptInstall(sys: AptSystem, pkg: string): CommandResult | undefined {
  const sudo = privilege(sys);
  if (!sudo) return undefined;
  const apt = (...args: string[]) => {
    const [cmd, ...rest] = [...sudo, "apt-get", ...args];
    return sys.run(cmd, rest, APT_TIMEOUT_MS);
  };
  sys.log(`Installing Debian's ${pkg} package (apt-get install -y ${pkg})…`);
  let r = apt("install", "-y", pkg);
  if (!r.ok) {
    apt("update");
    r = apt("install", "-y", pkg);
  }
  if (!r.ok) sys.log(`apt-get install ${pkg} failed: ${r.output.trim().split("\n").at(-1) ?? ""}`);
  return r;
}

/** The one command a person runs where `npm test` may not install packages itself. */
export function installCommand(packages: string[]): string {
  return `sudo apt-get install -y ${packages.join(" ")}`;
}
