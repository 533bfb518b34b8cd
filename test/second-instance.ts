// A second app "instance" inside one test process: a fresh module graph with its own process
// state (lib/server/process-singleton.ts: Prisma client and pool, presence, event hub and
// listener, shutdown, effects in flight), so nothing held in the first instance's memory can
// answer for it. Its modules keep the state they were loaded with after the first's is put back.
import { vi } from "vitest";
import { swapProcessState } from "@/lib/server/process-singleton";

export async function asSecondInstance<T>(load: () => Promise<T>): Promise<{ mod: T; close: () => Promise<void> }> {
  const first = swapProcessState();
  vi.resetModules();
  try {
    const mod = await load();
    const { prisma, disconnectPrisma } = await import("@/lib/db");
    await prisma.$queryRaw`SELECT 1`; // creates that instance's own client now
    return { mod, close: disconnectPrisma };
  } finally {
    swapProcessState(first);
  }
}

/**
 * A second instance whose own member-event hub and LISTEN connection are listening before this
 * resolves. `onEvent` follows the events it receives; `close` stops its listener and client.
 */
export async function asSecondInstanceWithEvents<T>(load: () => Promise<T>) {
  const b = await asSecondInstance(async () => ({
    mod: await load(),
    listener: await import("@/lib/events/listener"),
    hub: await import("@/lib/events/hub"),
  }));
  const close = async () => {
    await b.mod.listener.stopListener();
    await b.close();
  };
  try {
    await b.mod.listener.whenListening();
  } catch (err) {
    await close();
    throw err;
  }
  return { mod: b.mod.mod, onEvent: b.mod.hub.onEvent, close };
}
