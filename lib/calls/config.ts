import "server-only";
import { env } from "@/lib/env";

/** Ring timeout and first-call cap, in seconds (45 and 60 unless configured for tests). */
export function callTiming() {
  const e = env();
  return { ringTimeoutSeconds: e.RING_TIMEOUT_SECONDS, firstCallCapSeconds: e.FIRST_CALL_CAP_SECONDS };
}
