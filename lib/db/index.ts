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

function client(): PrismaClient {
  if (!globalForPrisma.meetcutePrisma) globalForPrisma.meetcutePrisma = createClient();
  return globalForPrisma.meetcutePrisma;
}

/**
 * The Prisma client, created on first use rather than at import: `next build` imports every
 * route module, and building must not need the runtime's DATABASE_URL.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

/** A transaction client, as handed to `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
