// A second app "instance" inside one test process: a fresh module graph with its own Prisma
// client and pool, so nothing held in the first instance's memory can answer for it.
import { vi } from "vitest";

export async function asSecondInstance<T>(load: () => Promise<T>): Promise<{ mod: T; close: () => Promise<void> }> {
  const g = globalThis as unknown as { meetcutePrisma?: { $disconnect(): Promise<void> }; meetcutePresence?: unknown };
  const first = g.meetcutePrisma;
  // Presence (lib/calls/presence.ts) is one per process on globalThis: the second gets its own.
  const firstPresence = g.meetcutePresence;
  delete g.meetcutePrisma;
  delete g.meetcutePresence;
  vi.resetModules();
  try {
    const mod = await load();
    const { prisma } = await import("@/lib/db");
    await prisma.$queryRaw`SELECT 1`; // creates that instance's own client now
    const second = g.meetcutePrisma!;
    return { mod, close: () => second.$disconnect() };
  } finally {
    g.meetcutePrisma = first;
    g.meetcutePresence = firstPresence;
  }
}

/**
 * A second instance with its own member-event hub and LISTEN connection too (both live on
 * globalThis, so the first instance's are set aside while its modules load), listening before
 * this resolves. `onEvent` follows the events it receives; `close` stops its listener and client.
 */
export async function asSecondInstanceWithEvents<T>(load: () => Promise<T>) {
  const g = globalThis as Record<string, unknown>;
  const saved = { meetcuteEventHub: g.meetcuteEventHub, meetcuteEventListener: g.meetcuteEventListener };
  delete g.meetcuteEventHub;
  delete g.meetcuteEventListener;
  const b = await asSecondInstance(async () => ({
    mod: await load(),
    listener: await import("@/lib/events/listener"),
    hub: await import("@/lib/events/hub"),
  })).finally(() => Object.assign(g, saved));
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
