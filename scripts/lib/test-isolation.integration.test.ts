// Server test files must not share a database (test/setup-server.ts): one file's sweeps with the
// clock moved ahead would otherwise end another file's calls.
import { expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";

it("runs this file in its own database, cloned from the migrated one", async () => {
  const template = new URL(inject("databaseUrl")).pathname.slice(1);
  const mine = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  expect(mine).not.toBe(template);
  expect(mine.startsWith(`${template}_`)).toBe(true);
  const [{ db }] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
  expect(db).toBe(mine);
  // Cloned after migrating: the schema is there.
  expect(await prisma.user.count()).toBe(0);
});
