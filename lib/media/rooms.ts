import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db";
import { isLive } from "@/lib/calls/rules";
import { closeRoom, liveKitConfig, removeParticipants, type LiveKitConfig } from "@/lib/media/livekit";

/**
 * Ends the LiveKit rooms of sessions that just ended (hang-up, cap, a vanished member, block, ban,
 * admin force-end, the webhook), so nobody stays connected to media after the database says the
 * call is over — even a client that ignores the ended status: both members are removed with their
 * tokens revoked, then the room is deleted. Runs after the transaction commits; without LiveKit
 * configured the direct-WebRTC clients see the ended status instead.
 */
export async function closeMediaRooms(sessionIds: string[]): Promise<void> {
  const cfg = liveKitConfig(env());
  if (!cfg || !sessionIds.length) return;
  const sessions = await prisma.callSession.findMany({
    where: { id: { in: sessionIds } },
    select: { id: true, callerId: true, calleeId: true },
  });
  await Promise.all(sessions.map((s) => evictAndClose(cfg, s.id, [s.callerId, s.calleeId])));
}

/**
 * Removes the members from the room, revoking their tokens (a token still inside its TTL cannot
 * get back in), then deletes the room. Tokens never allow creating a room (`roomCreate: false`).
 */
export async function evictAndClose(cfg: LiveKitConfig, roomName: string, memberIds: number[]): Promise<void> {
  await removeParticipants(cfg, roomName, memberIds.map(String));
  await closeRoom(cfg, roomName);
}

/**
 * Someone joined a session's room (LiveKit webhook `participant_joined`): if the session is no
 * longer live, or the identity is not one of its members, they are removed (token revoked) and
 * the room deleted again — a last line should a LiveKit server auto-create rooms on join.
 * Returns whether it evicted.
 */
export async function evictIfNotLive(cfg: LiveKitConfig, sessionId: string, identity: string): Promise<boolean> {
  const s = await prisma.callSession.findUnique({ where: { id: sessionId }, select: { status: true, callerId: true, calleeId: true } });
  const member = s !== null && (String(s.callerId) === identity || String(s.calleeId) === identity);
  if (member && isLive(s.status)) return false;
  await removeParticipants(cfg, sessionId, [identity]);
  if (!s || !isLive(s.status)) await closeRoom(cfg, sessionId);
  return true;
}
