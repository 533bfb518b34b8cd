import "server-only";
import { now } from "@/lib/clock";
import { transaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/http/http-error";
import { writeAudit } from "@/lib/admin/audit";
import { snapshotExpired } from "@/lib/safety/snapshot-rules";

/**
 * A report's snapshot for an admin: the bytes, with one audit entry (`report.snapshot_view`) in
 * the same transaction, so nobody sees it without the log saying so. 404 when the report has
 * none, or when it is past its retention (even before the hourly purge deleted it).
 */
export async function viewReportSnapshot(adminId: number, reportId: number): Promise<{ bytes: Buffer; contentType: string }> {
  return transaction(async (tx) => {
    const s = await tx.reportSnapshot.findUnique({
      where: { reportId },
      select: { bytes: true, contentType: true, shown: true, size: true, report: { select: { resolvedAt: true } } },
    });
    if (!s || snapshotExpired(s.report.resolvedAt, now())) throw notFound("No snapshot for this report.");
    await writeAudit(tx, {
      adminId,
      action: "report.snapshot_view",
      targetType: "report",
      targetId: reportId,
      data: { shown: s.shown, size: s.size },
    });
    return { bytes: Buffer.from(s.bytes), contentType: s.contentType };
  });
}
