// The turnserver resolver over a scripted machine: what is on the PATH, who we run as, and what
// apt-get does (an install "puts" turnserver on the PATH).
import { describe, expect, it } from "vitest";
import { resolveTurnserver, TurnserverNotFound, type TurnserverSystem } from "./coturn";

interface Machine {
  env?: Record<string, string>;
  files?: string[];
  installed?: boolean;
  root?: boolean;
  sudo?: boolean;
  /** apt-get install fails until apt-get update has run. */
  staleLists?: boolean;
  aptWorks?: boolean;
}

function machine(m: Machine) {
  const files = new Set(m.files ?? []);
  let installed = !!m.installed;
  let updated = false;
  const calls: string[] = [];
  const sys: TurnserverSystem = {
    env: m.env ?? {},
    exists: (f) => files.has(f),
    isRoot: () => m.root ?? false,
    onPath: (name) => (name === "turnserver" && installed ? "/usr/bin/turnserver" : undefined),
    run(cmd, args) {
      const line = [cmd, ...args].join(" ");
      calls.push(line);
      if (line === "sudo -n true") return { ok: !!m.sudo, output: "" };
      const apt = line.replace(/^sudo -n /, "");
      if (apt === "apt-get update") return ((updated = true), { ok: true, output: "" });
      if (apt === "apt-get install -y coturn") {
        const ok = (m.aptWorks ?? true) && (!m.staleLists || updated);
        if (ok) installed = true;
        return { ok, output: ok ? "" : "E: Unable to locate package coturn" };
      }
      throw new Error(`unexpected command ${line}`);
    },
    log: () => {},
  };
  return { sys, calls };
}

describe("resolveTurnserver", () => {
  it("takes TURNSERVER_PATH first, and refuses one that does not exist", () => {
    const { sys, calls } = machine({ env: { TURNSERVER_PATH: "/opt/turnserver" }, files: ["/opt/turnserver"], installed: true });
    expect(resolveTurnserver(sys)).toBe("/opt/turnserver");
    expect(calls).toEqual([]);
    const missing = machine({ env: { TURNSERVER_PATH: "/opt/nothing" }, installed: true, root: true });
    expect(() => resolveTurnserver(missing.sys)).toThrow(/TURNSERVER_PATH is \/opt\/nothing, which does not exist/);
    expect(missing.calls).toEqual([]);
  });

  it("uses an installed turnserver without installing anything", () => {
    const { sys, calls } = machine({ installed: true, root: true });
    expect(resolveTurnserver(sys)).toBe("/usr/bin/turnserver");
    expect(calls).toEqual([]);
  });

  it("as root, installs Debian's coturn", () => {
    const { sys, calls } = machine({ root: true });
    expect(resolveTurnserver(sys)).toBe("/usr/bin/turnserver");
    expect(calls).toEqual(["apt-get install -y coturn"]);
  });

  it("retries apt-get install after apt-get update when the package lists are stale", () => {
    const { sys, calls } = machine({ root: true, staleLists: true });
    expect(resolveTurnserver(sys)).toBe("/usr/bin/turnserver");
    expect(calls).toEqual(["apt-get install -y coturn", "apt-get update", "apt-get install -y coturn"]);
  });

  it("uses passwordless sudo when not root", () => {
    const { sys, calls } = machine({ sudo: true });
    expect(resolveTurnserver(sys)).toBe("/usr/bin/turnserver");
    expect(calls).toEqual(["sudo -n true", "sudo -n apt-get install -y coturn"]);
  });

  it("without root or sudo, names the one command to run", () => {
    const { sys, calls } = machine({});
    expect(() => resolveTurnserver(sys)).toThrow(TurnserverNotFound);
    expect(() => resolveTurnserver(sys)).toThrow(/sudo apt-get install -y coturn/);
    expect(calls.every((c) => c === "sudo -n true")).toBe(true);
  });

  it("reports a failed apt install with the same message", () => {
    const { sys, calls } = machine({ root: true, aptWorks: false });
    expect(() => resolveTurnserver(sys)).toThrow(/sudo apt-get install -y coturn/);
    expect(calls).toEqual(["apt-get install -y coturn", "apt-get update", "apt-get install -y coturn"]);
  });

  it("only looks, never installs, when asked not to (playwright run directly)", () => {
    const { sys, calls } = machine({ root: true });
    expect(() => resolveTurnserver(sys, { install: false })).toThrow(TurnserverNotFound);
    expect(calls).toEqual([]);
  });
});
