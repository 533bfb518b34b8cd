import "server-only";
import { env } from "@/lib/env";
import { closeRoom, liveKitConfig } from "@/lib/media/livekit";

/**
 * Closes the LiveKit rooms of sessions that just ended (hang-up, cap, a vanished member, safety
 * and admin actions), so nobody stays connected to media after the database says the call is
 * over — even a client that ignores the ended status. Runs after the transaction commits; without
 * LiveKit configured the direct-WebRTC clients see the ended status instead.
 */
export async function closeMediaRooms(sessionIds: string[]): Promise<void> {
  const cfg = liveKitConfig(env());
  if (!cfg || !sessionIds.length) return;
  await Promise.all(sessionIds.map((id) => closeRoom(cfg, id)));
}
