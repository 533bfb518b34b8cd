import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { configDefaults, defineConfig } from "vitest/config";

const SERVER_TESTS = ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"];
// cal.com's `*.integration-test.ts`, in our spelling.
const INTEGRATION = "{lib,app,scripts}/**/*.integration.test.ts";

/**
 * Integration files that need a fresh module registry: they mock modules (`vi.mock`), stub the
 * environment or globals, set process.env for the app to read, or change process-wide state a
 * later file would inherit (drain the instance, disconnect the pool, load a second instance:
 * a fresh-clone run once found /api/ready answering 503 at the start of a file). The others share their
 * worker's modules and database (test/setup-server.ts). Found by reading the files, so a new
 * file that mocks lands here without anyone keeping a list.
 */
function needsIsolation(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "generated") walk(file);
      } else if (entry.name.endsWith(".integration.test.ts") && /\bvi\.(mock|doMock|stubEnv|stubGlobal|resetModules)\(|process\.env\.[A-Z_]+ *=[^=]|\bdrain\(\)|disconnectPrisma\(|swapProcessState\(|second-instance/.test(readFileSync(file, "utf8"))) {
        found.push(path.relative(import.meta.dirname, file).split(path.sep).join("/"));
      }
    }
  };
  for (const dir of ["lib", "app", "scripts"]) walk(path.join(import.meta.dirname, dir));
  return found;
}
const ISOLATED_INTEGRATION = needsIsolation();

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests are server code too.
  "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine,
    // so the integration files ran one after another while mostly waiting for PostgreSQL. Three
    // workers keep both cores busy (fresh clone, 2 cores: 282 s → 222 s for the whole run).
    // Each integration file has its own database clone, so files share nothing.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    projects: [
      {
        // Pure server-side tests: no database (test/setup-unit.ts), so they never wait for one.
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: SERVER_TESTS,
          exclude: [INTEGRATION, ...configDefaults.exclude],
          setupFiles: ["test/setup-unit.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // Tests that need PostgreSQL, sharing their worker's modules and database: each file
        // starts on an emptied database (test/setup-server.ts).
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: [INTEGRATION],
          exclude: [...ISOLATED_INTEGRATION, ...configDefaults.exclude],
          // A worker's modules are shared across its files (import was a third of this project's
          // CPU: 171 s → 99 s). test/setup-server.ts starts each later file as a new instance
          // would; `--sequence.shuffle.files` is how a leak between files shows itself.
          isolate: false,
          env: { MEETCUTE_TEST_SHARED_MODULES: "1" },
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup-server.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tests that need PostgreSQL and a module registry of their own (see needsIsolation).
        resolve: { alias },
        test: {
          name: "integration-isolated",
          environment: "node",
          include: ISOLATED_INTEGRATION,
          globalSetup: ["test/global-setup.ts"],
          setupFiles: ["test/setup-server.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: "components",
          environment: "jsdom",
          include: ["components/**/*.test.tsx", "lib/**/*.test.tsx"],
          setupFiles: ["test/setup-dom.ts"],
        },
      },
    ],
  },
});
