import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { sweepExpiredSessions } from "@/lib/calls/lifecycle";
import { liveKitConfig, removeParticipants } from "@/lib/media/livekit";
import { prisma } from "@/lib/db";

const SWEEP_INTERVAL_MS = 5_000;

/**
 * The periodic half of the time rules: every few seconds, ring timeouts and first-call caps are
 * applied even to sessions nobody is reading, and the LiveKit rooms of calls ended that way
 * (capped, or a member vanished) are emptied so a misbehaving client cannot stay connected. Started once per server process.
 */
export function startSweeper(): () => void {
  const timer = setInterval(() => {
    sweepOnce().catch((err) => log.error({ err }, "call sweeper failed"));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export async function sweepOnce(): Promise<string[]> {
  const ended = await sweepExpiredSessions();
  const cfg = liveKitConfig(env());
  if (cfg && ended.length) {
    const sessions = await prisma.callSession.findMany({ where: { id: { in: ended } }, select: { id: true, callerId: true, calleeId: true } });
    await Promise.all(sessions.map((s) => removeParticipants(cfg, s.id, [String(s.callerId), String(s.calleeId)])));
  }
  return ended;
}
