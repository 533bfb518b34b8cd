import { IntentLink } from "@/components/ui/IntentLink";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/admin/guard";
import { reportForAdmin, type QueuedReport } from "@/lib/admin/reports";
import { formatUtcDate, formatUtcDateTime } from "@/lib/format";
import { idParam } from "@/lib/validation";
import { now } from "@/lib/clock";
import { SNAPSHOT_RETENTION_DAYS } from "@/lib/safety/snapshot-rules";
import { ReportCard } from "@/components/admin/ReportCard";
import { Section } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

export default async function AdminReportPage({ params }: { params: Promise<{ report_id: string }> }) {
  await requireAdminPage();
  const id = idParam.safeParse((await params).report_id);
  if (!id.success) notFound();
  const report = await reportForAdmin(id.data);
  if (!report) notFound();

  return (
    <div className="space-y-6">
      <IntentLink href="/admin/reports" className="text-sm text-slate-600 hover:text-slate-900">
        ← Reports
      </IntentLink>
      <h1 className="text-2xl font-bold tracking-tight">Report #{report.id}</h1>
      <ul>
        <ReportCard report={report} nowMs={now().getTime()} detail />
      </ul>
      {report.evidence?.source === "call" && <SnapshotSection report={report} />}
    </div>
  );
}

function SnapshotSection({ report }: { report: QueuedReport }) {
  const s = report.snapshot;
  return (
    <Section title="Snapshot from the call">
      {s ? (
        <figure className="space-y-3" data-testid="report-snapshot">
          {/* Served by the audited route: loading this image is what the audit log records. */}
          <img
            src={s.url}
            alt={`The last frame ${report.reporter.name}'s screen showed of ${report.reported.name}`}
            width={s.width}
            height={s.height}
            className="h-auto w-full max-w-2xl rounded-xl bg-slate-900"
          />
          <figcaption className="space-y-1 text-sm text-slate-600">
            <p className="font-medium text-slate-800" data-testid="snapshot-shown" data-shown={s.shown}>
              {s.shown_label}
            </p>
            <p>
              {s.width}×{s.height} · {Math.round(s.size / 1024)} KB · captured {formatUtcDateTime(s.captured_at)} · every viewing is recorded in the audit log
            </p>
            <p>
              {s.delete_after
                ? `Deleted on ${formatUtcDate(s.delete_after)}, ${SNAPSHOT_RETENTION_DAYS} days after the report was resolved.`
                : `Kept while the report is open; deleted ${SNAPSHOT_RETENTION_DAYS} days after it is resolved.`}
            </p>
          </figcaption>
        </figure>
      ) : (
        <p className="text-sm text-slate-500">No snapshot: the report was made without one, or it was deleted after its retention.</p>
      )}
    </Section>
  );
}
