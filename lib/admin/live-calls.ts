import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/errors";
import { parse } from "@/lib/http/handler";
import { endLiveSessionsOfMatch, resolveExpired, sweepExpiredSessions } from "@/lib/calls/lifecycle";
import { writeAudit } from "@/lib/admin/audit";
import { adminNote } from "@/lib/admin/members";
import { closeMediaRooms } from "@/lib/media/rooms";
import { LIVE_STATUSES } from "@/lib/calls/rules";

export const forceEndInput = z.object({ note: adminNote }).strict();

export interface LiveCall {
  session_id: string;
  match_id: number;
  kind: "first" | "repeat";
  status: "ringing" | "active";
  caller: { id: number; name: string };
  callee: { id: number; name: string };
  created_at: string;
  answered_at: string | null;
  /** Since it started ringing. */
  age_seconds: number;
  /** Since it was answered (active calls). */
  talking_seconds: number | null;
  cap_seconds: number | null;
}

/** Every ringing or active session right now, oldest first (those are the ones to look at). */
export async function liveCalls(): Promise<LiveCall[]> {
  // Ring timeouts and caps that nobody has read yet are applied first, so the list is the truth.
  await sweepExpiredSessions();
  const t = now().getTime();
  const sessions = await prisma.callSession.findMany({
    where: { status: { in: LIVE_STATUSES } },
    orderBy: { createdAt: "asc" },
    include: {
      caller: { select: { id: true, email: true, profile: { select: { displayName: true } } } },
      callee: { select: { id: true, email: true, profile: { select: { displayName: true } } } },
    },
  });
  return sessions.map((s) => ({
    session_id: s.id,
    match_id: s.matchId,
    kind: s.kind,
    status: s.status as LiveCall["status"],
    caller: { id: s.caller.id, name: s.caller.profile?.displayName ?? s.caller.email },
    callee: { id: s.callee.id, name: s.callee.profile?.displayName ?? s.callee.email },
    created_at: s.createdAt.toISOString(),
    answered_at: s.answeredAt?.toISOString() ?? null,
    age_seconds: Math.max(0, Math.floor((t - s.createdAt.getTime()) / 1000)),
    talking_seconds: s.answeredAt ? Math.max(0, Math.floor((t - s.answeredAt.getTime()) / 1000)) : null,
    cap_seconds: s.capSeconds,
  }));
}

/**
 * Ends a ringing or active call for both members (ringing → cancelled, active → completed, with
 * end reason "admin"), then closes its media room. Runs under the match lock like every other
 * call change; a match has at most one live session, so ending the match's live sessions ends
 * exactly this one.
 */
export async function forceEndSession(adminId: number, sessionId: string, raw: z.input<typeof forceEndInput> = {}) {
  const input = parse(forceEndInput, raw);
  const ended = await prisma.$transaction(async (tx) => {
    const head = await tx.callSession.findUnique({ where: { id: sessionId }, select: { matchId: true } });
    if (!head) throw notFound("Call not found.");
    await tx.$queryRaw`SELECT id FROM "Match" WHERE id = ${head.matchId} FOR UPDATE`;
    await resolveExpired(tx, { matchId: head.matchId });
    const s = await tx.callSession.findUniqueOrThrow({ where: { id: sessionId } });
    if (s.status !== "ringing" && s.status !== "active") throw conflict("This call has already ended.", "ended");
    const endedIds = await endLiveSessionsOfMatch(tx, head.matchId, adminId, "admin");
    await writeAudit(tx, {
      adminId,
      action: "session.force_end",
      targetType: "session",
      targetId: sessionId,
      note: input.note,
      data: { match_id: head.matchId, from: s.status, kind: s.kind, caller_id: s.callerId, callee_id: s.calleeId },
    });
    return endedIds;
  });
  await closeMediaRooms(ended);
  log.info({ adminId, sessionId }, "call force-ended by admin");
  return { session_id: sessionId, ended: true };
}
