import "server-only";
import { env } from "@/lib/env";
import { now } from "@/lib/clock";
import { prisma } from "@/lib/db";
import { callTiming } from "@/lib/calls/config";
import type { SessionView } from "@/lib/calls/types";
import type { Member } from "@/lib/auth/member";
import { connectionDetails, ensureRoom, liveKitConfig, tokenTtlSeconds } from "@/lib/media/livekit";
import { directConnection } from "@/lib/media/direct";
import type { MediaConnection } from "@/lib/media/types";

/**
 * What the browser needs to connect this member's media for a live session: a LiveKit token for
 * room = session UUID, or the direct-WebRTC room and ICE servers. Only ever called after the
 * lifecycle module has checked the member belongs to the ringing/active session.
 */
export async function mediaConnectionFor(session: SessionView, member: Member): Promise<MediaConnection> {
  const cfg = liveKitConfig(env());
  if (!cfg) return directConnection(session.room_name, member.id, env(), now());
  const row = await prisma.callSession.findUniqueOrThrow({
    where: { id: session.session_id },
    select: { kind: true, capSeconds: true, answeredAt: true, createdAt: true },
  });
  await ensureRoom(cfg, session.room_name);
  return connectionDetails(cfg, {
    roomName: session.room_name,
    identity: String(member.id),
    name: member.displayName,
    ttlSeconds: tokenTtlSeconds(row, now(), callTiming().ringTimeoutSeconds),
  });
}
