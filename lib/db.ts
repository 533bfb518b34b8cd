import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type { Prisma } from "@/lib/generated/prisma/client";

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 }) });
}

// One client per process; in development it survives hot reloads on globalThis.
const globalForPrisma = globalThis as unknown as { meetcutePrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.meetcutePrisma ?? createClient();
if (env().NODE_ENV !== "production") globalForPrisma.meetcutePrisma = prisma;

/** A transaction client, as handed to `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
