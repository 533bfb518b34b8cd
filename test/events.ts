// Waiting for member events in integration tests (the real listener delivers them).
import { prisma } from "@/lib/db";
import { onEvent } from "@/lib/events/hub";
import { listenerHealth } from "@/lib/events/listener";
import { publishEvent } from "@/lib/events/publish";
import type { MemberEvent } from "@/lib/events/types";

/** Resolves when this process's hub (or `on`, another instance's) has dispatched an event of `type` naming `userId`. */
export function delivered(type: MemberEvent["type"], userId: number, on: typeof onEvent = onEvent): Promise<MemberEvent> {
  return new Promise((resolve) => {
    const off = on((e) => {
      if (e.type === type && e.userIds.includes(userId)) {
        off();
        resolve(e);
      }
    });
  });
}

// A member id no test creates (ids are serial from 1): a marker event naming it drops nobody's cache.
const MARKER_MEMBER_BASE = 2_000_000_000;

/**
 * Resolves once every member event committed before the call has been dispatched in this process,
 * so the caches those events drop (lib/events/member-answer-cache.ts) are dropped already. A
 * marker event is sent now and awaited: PostgreSQL delivers notifications to a listener in the
 * order their transactions committed, so every earlier one arrived first. Without it, an event
 * from a step just finished could land during the next one and cost it a re-read (the round-trip
 * counts then varied by two under load). Nothing to wait for while the listener is down.
 */
export async function eventsDelivered(): Promise<void> {
  if (!listenerHealth().connected) return;
  const marker = MARKER_MEMBER_BASE + Math.floor(Math.random() * 100_000_000);
  const arrived = delivered("member.changed", marker);
  await prisma.$transaction((tx) => publishEvent(tx, { type: "member.changed", userIds: [marker] }));
  await arrived;
}
