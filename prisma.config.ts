// Prisma CLI configuration. Migrations are applied by scripts/migrate.ts (the native schema
// engine cannot be downloaded here); where it exists, `prisma migrate deploy` agrees with it.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
