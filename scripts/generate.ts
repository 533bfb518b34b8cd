// Runs `prisma generate` offline. Generate never runs the native schema engine but insists the
// binary exists; where none could be downloaded, any existing file satisfies it (ENVIRONMENT.md).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/database";

function enginePresent(): boolean {
  const dir = path.join(ROOT, "node_modules/@prisma/engines");
  return existsSync(dir) && readdirSync(dir).some((f) => f.startsWith("schema-engine"));
}

export function generatePrismaClient() {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !enginePresent()) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["generate"], { cwd: ROOT, env, stdio: "inherit" });
  if (r.status !== 0) throw new Error("prisma generate failed");
}

/** Generates the client when it is missing or older than the schema (a fresh clone has none). */
export function ensurePrismaClient() {
  const client = path.join(ROOT, "lib/generated/prisma/client.ts");
  const schema = path.join(ROOT, "prisma/schema.prisma");
  if (!existsSync(client) || statSync(client).mtimeMs < statSync(schema).mtimeMs) generatePrismaClient();
}

if (import.meta.filename === process.argv[1]) generatePrismaClient();
