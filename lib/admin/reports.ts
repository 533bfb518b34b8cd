import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { conflict, notFound } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { durationSeconds } from "@/lib/calls/duration";
import { writeAudit } from "@/lib/admin/audit";
import { banInTx, type BanEffects } from "@/lib/admin/members";
import { transaction } from "@/lib/db/transaction";
import { REPORT_REASONS } from "@/lib/safety/reasons";
import type { CallEvidence } from "@/lib/safety/report";
import { shownName } from "@/lib/account/deleted-member";
import { SNAPSHOT_SHOWN_LABEL, snapshotDeleteAfter, snapshotExpired } from "@/lib/safety/snapshot-rules";

const REPORTS_PAGE_SIZE = 20;

export const resolveInput = z
  .object({
    action: z.enum(["dismiss", "ban"], { message: 'action must be "dismiss" or "ban"' }),
    note: z.string().trim().min(3, "note must be at least 3 characters").max(1000, "note must be at most 1000 characters"),
  })
  .strict();

export const reportStatusFilter = z.enum(["open", "resolved", "all"]).catch("open");

const person = { select: { id: true, email: true, bannedAt: true, deletedAt: true, profile: { select: { displayName: true } } } } as const;
/** One side of a report; a reporter who deleted their account is gone from it (null). */
const who = (u: { id: number; email: string; bannedAt: Date | null; deletedAt: Date | null; profile: { displayName: string } | null } | null) => ({
  id: u?.id ?? null,
  name: u ? shownName(u, u.email) : shownName(null),
  // A deleted account's email is a tombstone: nothing to show.
  email: u && !u.deletedAt ? u.email : null,
  banned: !!u?.bannedAt,
  deleted: !u || !!u.deletedAt,
});

/**
 * The queue: open reports first (oldest first, the longest waiting on top), then resolved ones
 * newest first. Each with both members, the match and that match's last calls.
 */
export async function reportsQueue(filter: z.infer<typeof reportStatusFilter> = "open", page = 1) {
  const where: Prisma.ReportWhereInput =
    filter === "open" ? { status: "open" } : filter === "resolved" ? { status: { not: "open" } } : {};
  const [total, openCount, rows] = await Promise.all([
    prisma.report.count({ where }),
    prisma.report.count({ where: { status: "open" } }),
    // Two orders in one list (open: oldest first; resolved: newest first), so the ids come from SQL.
    prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Report"
      WHERE ${filter === "open" ? Prisma.sql`status = 'open'` : filter === "resolved" ? Prisma.sql`status <> 'open'` : Prisma.sql`TRUE`}
      ORDER BY (status = 'open') DESC,
               CASE WHEN status = 'open' THEN "createdAt" END ASC,
               "createdAt" DESC
      LIMIT ${REPORTS_PAGE_SIZE} OFFSET ${(page - 1) * REPORTS_PAGE_SIZE}`,
  ]);
  const ids = rows.map((r) => r.id);
  const reports = await prisma.report.findMany({ where: { id: { in: ids } }, include: reportInclude });
  const byId = new Map(reports.map((r) => [r.id, r]));
  const at = now();
  return {
    total,
    open: openCount,
    page,
    pages: Math.max(1, Math.ceil(total / REPORTS_PAGE_SIZE)),
    filter,
    reports: ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toQueuedReport(r, at)] : [];
    }),
  };
}

/** One report as the admin's report page shows it; null when there is no such report. */
export async function reportForAdmin(reportId: number): Promise<QueuedReport | null> {
  const r = await prisma.report.findUnique({ where: { id: reportId }, include: reportInclude });
  return r ? toQueuedReport(r, now()) : null;
}

const reportInclude = {
  reporter: person,
  reported: person,
  resolvedBy: person,
  // The snapshot's facts only: its bytes are read by the audited route alone.
  snapshot: { select: { shown: true, size: true, width: true, height: true, createdAt: true } },
  match: {
    select: {
      id: true,
      status: true,
      createdAt: true,
      calls: { orderBy: { createdAt: "desc" }, take: 5 },
    },
  },
} satisfies Prisma.ReportInclude;

function toQueuedReport(r: Prisma.ReportGetPayload<{ include: typeof reportInclude }>, at: Date) {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    reason_label: REPORT_REASONS[r.reason],
    details: r.details,
    created_at: r.createdAt.toISOString(),
    reporter: who(r.reporter),
    reported: who(r.reported),
    evidence: r.evidence as CallEvidence | null,
    snapshot:
      r.snapshot && !snapshotExpired(r.resolvedAt, at)
        ? {
            url: `/api/admin/reports/${r.id}/snapshot`,
            shown: r.snapshot.shown,
            shown_label: SNAPSHOT_SHOWN_LABEL[r.snapshot.shown],
            size: r.snapshot.size,
            width: r.snapshot.width,
            height: r.snapshot.height,
            captured_at: r.snapshot.createdAt.toISOString(),
            delete_after: snapshotDeleteAfter(r.resolvedAt)?.toISOString() ?? null,
          }
        : null,
    match: r.match
      ? {
          id: r.match.id,
          status: r.match.status,
          created_at: r.match.createdAt.toISOString(),
          last_calls: r.match.calls.map((c) => ({
            session_id: c.id,
            kind: c.kind,
            status: c.status,
            started_at: c.createdAt.toISOString(),
            duration_seconds: durationSeconds(c.answeredAt, c.endedAt),
            end_reason: c.endReason,
          })),
        }
      : null,
    resolution: r.resolvedAt ? { at: r.resolvedAt.toISOString(), by: r.resolvedBy ? who(r.resolvedBy) : null, note: r.resolutionNote } : null,
  };
}

export type QueuedReport = ReturnType<typeof toQueuedReport>;

/**
 * Closes an open report: "dismiss" (no action) or "ban" (bans the reported member, as the
 * Members page's ban does). One audit entry either way, in the same transaction. If the member
 * is already banned (say, by an earlier report), "ban" still resolves the report as actioned.
 */
export async function resolveReport(adminId: number, reportId: number, raw: z.input<typeof resolveInput>) {
  const input = parse(resolveInput, raw);
  const result = await transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
    if (!locked.length) throw notFound("Report not found.");
    const r = await tx.report.findUniqueOrThrow({ where: { id: reportId }, include: { reported: { select: { bannedAt: true, deletedAt: true } } } });
    if (r.status !== "open") throw conflict("This report has already been resolved.", "already_resolved");

    let effects: BanEffects | null = null;
    // A deleted account has nothing left to ban: "ban" closes the report as actioned.
    if (input.action === "ban" && !r.reported.bannedAt && !r.reported.deletedAt) {
      effects = await banInTx(tx, adminId, r.reportedId, `Report #${r.id}: ${REPORT_REASONS[r.reason]}. ${input.note}`.slice(0, 500));
    }
    const status = input.action === "ban" ? ("actioned" as const) : ("dismissed" as const);
    await tx.report.update({
      where: { id: reportId },
      data: { status, resolvedAt: now(), resolvedById: adminId, resolutionNote: input.note },
    });
    await writeAudit(tx, {
      adminId,
      action: input.action === "ban" ? "report.ban" : "report.dismiss",
      targetType: "report",
      targetId: reportId,
      note: input.note,
      data: {
        reported_id: r.reportedId,
        reporter_id: r.reporterId,
        reason: r.reason,
        ...(input.action === "ban" ? { already_banned: !effects, ...(effects ?? {}) } : {}),
      },
    });
    return { status, effects };
  });
  log.info({ adminId, reportId, action: input.action }, "report resolved");
  return { report_id: reportId, status: result.status, banned: input.action === "ban" };
}

export async function openReportCount(): Promise<number> {
  return prisma.report.count({ where: { status: "open" } });
}
