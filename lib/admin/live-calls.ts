import "server-only";
import { shownName } from "@/lib/account/deleted-member";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { endSessionInTx } from "@/lib/calls/end-by-system";
import { sweepExpiredSessions } from "@/lib/calls/expiry";
import { writeAudit } from "@/lib/admin/audit";
import { adminNote } from "@/lib/admin/members";
import { transaction } from "@/lib/db/transaction";
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
      caller: { select: { id: true, email: true, deletedAt: true, profile: { select: { displayName: true } } } },
      callee: { select: { id: true, email: true, deletedAt: true, profile: { select: { displayName: true } } } },
    },
  });
  return sessions.map((s) => ({
    session_id: s.id,
    match_id: s.matchId,
    kind: s.kind,
    status: s.status as LiveCall["status"],
    caller: { id: s.caller.id, name: shownName(s.caller, s.caller.email) },
    callee: { id: s.callee.id, name: shownName(s.callee, s.callee.email) },
    created_at: s.createdAt.toISOString(),
    answered_at: s.answeredAt?.toISOString() ?? null,
    age_seconds: Math.max(0, Math.floor((t - s.createdAt.getTime()) / 1000)),
    talking_seconds: s.answeredAt ? Math.max(0, Math.floor((t - s.answeredAt.getTime()) / 1000)) : null,
    cap_seconds: s.capSeconds,
  }));
}

/**
 * Ends a ringing or active call for both members (ringing → cancelled, active → completed, with
 * end reason "admin") through the lifecycle's system end, and writes the audit entry in the same
 * transaction; the lifecycle closes its media room after commit.
 */
export async function forceEndSession(adminId: number, sessionId: string, raw: z.input<typeof forceEndInput> = {}) {
  const input = parse(forceEndInput, raw);
  await transaction(async (tx) => {
    const result = await endSessionInTx(tx, sessionId, "admin", adminId);
    if (!result) throw notFound("Call not found.");
    const { session: s, endedFrom } = result;
    if (!endedFrom) throw conflict("This call has already ended.", "ended");
    await writeAudit(tx, {
      adminId,
      action: "session.force_end",
      targetType: "session",
      targetId: sessionId,
      note: input.note,
      data: { match_id: s.matchId, from: endedFrom, kind: s.kind, caller_id: s.callerId, callee_id: s.calleeId },
    });
  });
  log.info({ adminId, sessionId }, "call force-ended by admin");
  return { session_id: sessionId, ended: true };
}
