import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { badRequest, conflict, notFound } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { blockInTx } from "@/lib/matches/unmatch-block";
import { lockOwnMatch } from "@/lib/matches/state";
import { durationSeconds } from "@/lib/calls/duration";
import { MAX_REPORT_DETAILS, REPORT_REASON_KEYS } from "@/lib/safety/reasons";
import { encodeSnapshot, storeSnapshotInTx, type SnapshotUpload } from "@/lib/safety/snapshots";

export const reportInput = z
  .object({
    reason: z.enum(REPORT_REASON_KEYS, { message: `reason must be one of: ${REPORT_REASON_KEYS.join(", ")}` }),
    details: z.string().trim().max(MAX_REPORT_DETAILS, `details must be at most ${MAX_REPORT_DETAILS} characters`).optional(),
    sessionId: z.uuid("sessionId must be a session UUID").optional(),
    alsoBlock: z.boolean().optional(),
  })
  .strict();

export type ReportInput = z.input<typeof reportInput>;

/** What the admin queue shows about the call a report concerns. */
export interface CallEvidence {
  session_id: string;
  /** "call": reported from the call page about that session; "match": the match's latest call. */
  source: "call" | "match";
  kind: string;
  status: string;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_seconds: number;
  calls_in_match: number;
  /** "Report and leave" on the call page: one tap, no reason chosen. */
  one_tap?: boolean;
}

async function callEvidence(tx: Tx, matchId: number, sessionId: string | undefined): Promise<CallEvidence | null> {
  const session = sessionId
    ? await tx.callSession.findFirst({ where: { id: sessionId, matchId } })
    : await tx.callSession.findFirst({ where: { matchId }, orderBy: { createdAt: "desc" } });
  if (sessionId && !session) throw notFound("Call not found.");
  if (!session) return null;
  return {
    session_id: session.id,
    source: sessionId ? "call" : "match",
    kind: session.kind,
    status: session.status,
    started_at: session.createdAt.toISOString(),
    answered_at: session.answeredAt?.toISOString() ?? null,
    ended_at: session.endedAt?.toISOString() ?? null,
    duration_seconds: durationSeconds(session.answeredAt, session.endedAt),
    calls_in_match: await tx.callSession.count({ where: { matchId } }),
  };
}

/** What a report from the call page adds: the frame it showed, and whether it was one tap. */
export interface CallReportExtras {
  snapshot?: SnapshotUpload;
  oneTap?: boolean;
}

/**
 * A member reports the other member of one of their matches. The report carries the call
 * evidence (that session, or the match's latest), the call page's snapshot when it sent one,
 * and, when asked, blocks in the same transaction — so a report never lands without its block
 * or its snapshot, nor the reverse.
 */
export async function report(userId: number, matchId: number, raw: ReportInput, extras: CallReportExtras = {}) {
  const input = parse(reportInput, raw);
  if (extras.snapshot && !input.sessionId) throw badRequest("A snapshot belongs to a call: send session_id with it.");
  // Decoding takes time: done before the transaction takes its locks.
  const snapshot = extras.snapshot ? await encodeSnapshot(extras.snapshot) : null;
  const result = await transaction(async (tx) => {
    // A blocked match is gone for the blocked side; only the blocker may still report it.
    const { match, otherId: reportedId } = await lockOwnMatch(tx, userId, matchId, { allowBlocker: true });

    const open = await tx.report.findFirst({ where: { reporterId: userId, reportedId, status: "open" }, select: { id: true } });
    if (open) throw conflict("You already reported this person. Our team is looking into it.", "already_reported");

    const found = await callEvidence(tx, matchId, input.sessionId);
    const evidence = found && extras.oneTap ? { ...found, one_tap: true } : found;
    const created = await tx.report.create({
      data: {
        reporterId: userId,
        reportedId,
        matchId,
        sessionId: evidence?.session_id ?? null,
        reason: input.reason,
        details: input.details || null,
        evidence: evidence ? (evidence as unknown as Prisma.InputJsonObject) : Prisma.DbNull,
      },
    });
    if (snapshot) await storeSnapshotInTx(tx, created.id, snapshot);
    const blocked = input.alsoBlock && match.status !== "blocked" ? await blockInTx(tx, userId, matchId) : null;
    return { created, blocked };
  });
  log.info(
    { reportId: result.created.id, matchId, reporterId: userId, reason: input.reason, blocked: !!result.blocked, snapshotBytes: snapshot?.bytes.byteLength },
    "member reported",
  );
  return {
    report_id: result.created.id,
    match_id: matchId,
    status: result.created.status,
    blocked: !!result.blocked,
    snapshot: !!snapshot,
  };
}
