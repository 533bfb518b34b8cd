// The browser resolver over a scripted machine: which files exist, who we run as, and what each
// command does (installs "create" the files they would).
import { describe, expect, it } from "vitest";
import { ChromiumNotFound, resolveChromium, type ChromiumSystem } from "./chromium";

const MANAGED = "/home/u/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

interface Machine {
  env?: Record<string, string>;
  files?: string[];
  root?: boolean;
  sudo?: boolean;
  online?: boolean;
  /** apt-get install fails until apt-get update has run. */
  staleLists?: boolean;
  aptWorks?: boolean;
}

function machine(m: Machine) {
  const files = new Set(m.files ?? []);
  const calls: string[] = [];
  let updated = false;
  const sys: ChromiumSystem = {
    env: m.env ?? {},
    exists: (f) => files.has(f),
    isRoot: () => m.root ?? false,
    playwrightChromium: () => MANAGED,
    run(cmd, args) {
      const line = [cmd, ...args].join(" ");
      calls.push(line);
      if (line === "npx playwright install chromium") {
        if (m.online) files.add(MANAGED);
        return { ok: !!m.online, output: m.online ? "" : "Error: Download failure, code=1" };
      }
      if (line === "sudo -n true") return { ok: !!m.sudo, output: "" };
      const apt = line.replace(/^sudo -n /, "");
      if (apt === "apt-get update") return ((updated = true), { ok: true, output: "" });
      if (apt === "apt-get install -y chromium") {
        const ok = (m.aptWorks ?? true) && (!m.staleLists || updated);
        if (ok) files.add("/usr/bin/chromium");
        return { ok, output: ok ? "" : "E: Unable to locate package chromium" };
      }
      throw new Error(`unexpected command ${line}`);
    },
    log: () => {},
  };
  return { sys, calls };
}

describe("resolveChromium", () => {
  it("takes CHROMIUM_PATH first, and refuses one that does not exist", () => {
    const { sys, calls } = machine({ env: { CHROMIUM_PATH: "/opt/chrome" }, files: ["/opt/chrome", MANAGED, "/usr/bin/chromium"] });
    expect(resolveChromium(sys)).toBe("/opt/chrome");
    expect(calls).toEqual([]);
    const missing = machine({ env: { CHROMIUM_PATH: "/opt/nothing" }, files: ["/usr/bin/chromium"], root: true });
    expect(() => resolveChromium(missing.sys)).toThrow(/CHROMIUM_PATH is \/opt\/nothing, which does not exist/);
    expect(missing.calls).toEqual([]);
  });

  it("uses Playwright's managed Chromium when installed, before a system one", () => {
    const { sys, calls } = machine({ files: [MANAGED, "/usr/bin/chromium"] });
    expect(resolveChromium(sys)).toBe(MANAGED);
    expect(calls).toEqual([]);
  });

  it("uses an installed system Chromium without installing anything", () => {
    const { sys, calls } = machine({ files: ["/usr/bin/chromium"], root: true, online: true });
    expect(resolveChromium(sys)).toBe("/usr/bin/chromium");
    expect(calls).toEqual([]);
  });

  it("downloads Playwright's Chromium where the network allows it", () => {
    const { sys, calls } = machine({ online: true, root: true });
    expect(resolveChromium(sys)).toBe(MANAGED);
    expect(calls).toEqual(["npx playwright install chromium"]);
  });

  it("offline and as root, with /usr/bin/chromium missing, installs Debian's package", () => {
    const { sys, calls } = machine({ root: true });
    expect(resolveChromium(sys)).toBe("/usr/bin/chromium");
    expect(calls).toEqual(["npx playwright install chromium", "apt-get install -y chromium"]);
  });

  it("retries apt-get install after apt-get update when the package lists are stale", () => {
    const { sys, calls } = machine({ root: true, staleLists: true });
    expect(resolveChromium(sys)).toBe("/usr/bin/chromium");
    expect(calls).toEqual([
      "npx playwright install chromium",
      "apt-get install -y chromium",
      "apt-get update",
      "apt-get install -y chromium",
    ]);
  });

  it("uses passwordless sudo when not root", () => {
    const { sys, calls } = machine({ sudo: true });
    expect(resolveChromium(sys)).toBe("/usr/bin/chromium");
    expect(calls).toEqual(["npx playwright install chromium", "sudo -n true", "sudo -n apt-get install -y chromium"]);
  });

  it("without root or sudo, offline, names every option", () => {
    const { sys, calls } = machine({});
    let error: unknown;
    try {
      resolveChromium(sys);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChromiumNotFound);
    const message = (error as Error).message;
    expect(message).toMatch(/CHROMIUM_PATH/);
    expect(message).toMatch(/npx playwright install chromium/);
    expect(message).toMatch(/apt-get install -y chromium/);
    expect(calls).toEqual(["npx playwright install chromium", "sudo -n true"]);
  });

  it("only looks, never installs, when asked not to (playwright run directly)", () => {
    const { sys, calls } = machine({ root: true, online: true });
    expect(() => resolveChromium(sys, { install: false })).toThrow(/CHROMIUM_PATH/);
    expect(calls).toEqual([]);
    expect(resolveChromium(machine({ files: ["/usr/bin/chromium"] }).sys, { install: false })).toBe("/usr/bin/chromium");
  });

  it("reports a failed apt install with the same message", () => {
    const { sys, calls } = machine({ root: true, aptWorks: false });
    expect(() => resolveChromium(sys)).toThrow(ChromiumNotFound);
    expect(calls.filter((c) => c.includes("apt-get"))).toEqual([
      "apt-get install -y chromium",
      "apt-get update",
      "apt-get install -y chromium",
    ]);
  });
});
