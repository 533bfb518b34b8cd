// A second app "instance" inside one test process: a fresh module graph with its own Prisma
// client and pool, so nothing held in the first instance's memory can answer for it.
import { vi } from "vitest";

export async function asSecondInstance<T>(load: () => Promise<T>): Promise<{ mod: T; close: () => Promise<void> }> {
  const g = globalThis as unknown as { meetcutePrisma?: { $disconnect(): Promise<void> } };
  const first = g.meetcutePrisma;
  delete g.meetcutePrisma;
  vi.resetModules();
  try {
    const mod = await load();
    const { prisma } = await import("@/lib/db");
    await prisma.$queryRaw`SELECT 1`; // creates that instance's own client now
    const second = g.meetcutePrisma!;
    return { mod, close: () => second.$disconnect() };
  } finally {
    g.meetcutePrisma = first;
  }
}
