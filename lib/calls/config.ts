import "server-only";
import { env } from "@/lib/env";

/** Ring timeout and first-call cap, in seconds (45 and 60 unless configured for tests). */
export function callTiming() {
  const e = env();
  return { ringTimeoutSeconds: e.RING_TIMEOUT_SECONDS, firstCallCapSeconds: e.FIRST_CALL_CAP_SECONDS };
}

/**
 * An active call ends by itself when one member's call page has not checked in for this long
 * (it polls every 1.5 s): a crashed tab or lost network must not leave both members "busy".
 */
export const HEARTBEAT_TIMEOUT_SECONDS = 30;
