// Waiting for member events in integration tests (the real listener delivers them).
import { onEvent } from "@/lib/events/hub";
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
