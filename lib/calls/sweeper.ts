import "server-only";
import { log } from "@/lib/log";
import { sweepExpiredSessions } from "@/lib/calls/lifecycle";

const SWEEP_INTERVAL_MS = 5_000;

/**
 * The periodic half of the time rules: every few seconds, ring timeouts, first-call caps and
 * vanished members are applied even to sessions nobody is reading (the lifecycle then closes the
 * ended calls' media rooms). Started once per server process.
 */
export function startSweeper(): () => void {
  const timer = setInterval(() => {
    sweepExpiredSessions().catch((err) => log.error({ err }, "call sweeper failed"));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
