import path from "node:path";
import react from "@vitejs/plugin-react";
import { configDefaults, defineConfig } from "vitest/config";

const SERVER_TESTS = ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"];
// cal.com's `*.integration-test.ts`, in our spelling.
const INTEGRATION = "{lib,app,scripts}/**/*.integration.test.ts";

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
        // Tests that need PostgreSQL: each file gets its own clone of the migrated database.
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: [INTEGRATION],
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
