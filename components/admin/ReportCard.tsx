import { IntentLink } from "@/components/ui/IntentLink";
import type { QueuedReport } from "@/lib/admin/reports";
import { formatDuration, formatUtcDateTime, secondsSince, timeAgo } from "@/lib/format";
import { ResolveReportForm } from "@/components/admin/ResolveReportForm";
import { MemberLink, Pill, StatusPill } from "@/components/admin/ui";

/** One report: who, why, the call it was about, and the resolution (or the form to resolve it). */
export function ReportCard({ report: r, nowMs, detail = false }: { report: QueuedReport; nowMs: number; detail?: boolean }) {
  return (
    <li className="card grid gap-5 p-5 lg:grid-cols-3" data-testid="report" data-report-id={r.id}>
      <div className="space-y-3 lg:col-span-2">
        <div className="flex flex-wrap items-center gap-2">
          {detail ? (
            <span className="text-sm font-semibold text-slate-500">#{r.id}</span>
          ) : (
            <IntentLink href={`/admin/reports/${r.id}`} className="text-sm font-semibold text-pink-700 hover:underline">
              #{r.id}
            </IntentLink>
          )}
          <Pill tone="red">{r.reason_label}</Pill>
          <StatusPill status={r.status} />
          {r.evidence?.one_tap && <Pill tone="amber">Reported and left</Pill>}
          {r.snapshot && !detail && (
            <IntentLink href={`/admin/reports/${r.id}`} className="text-sm font-medium text-pink-700 hover:underline">
              Snapshot attached →
            </IntentLink>
          )}
          <span className="text-sm text-slate-500" title={formatUtcDateTime(r.created_at)}>
            {timeAgo(secondsSince(r.created_at, nowMs))}
          </span>
        </div>
        <p className="text-sm text-slate-700">
          <MemberLink member={r.reporter} /> reported <MemberLink member={r.reported} />
        </p>
        {r.details ? (
          <blockquote className="whitespace-pre-wrap rounded-xl border-l-4 border-pink-300 bg-pink-50/60 px-4 py-2.5 text-sm text-slate-800">{r.details}</blockquote>
        ) : (
          <p className="text-sm italic text-slate-500">No details given.</p>
        )}
        <div className="grid gap-3 text-sm sm:grid-cols-2">
          <div className="rounded-xl bg-slate-50 p-3" data-testid="report-evidence">
            <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {r.evidence?.source === "call" ? "Reported during this call" : "Their latest call"}
            </p>
            {r.evidence ? (
              <dl className="space-y-0.5 text-slate-700">
                <div>
                  <dt className="inline text-slate-500">Session </dt>
                  <dd className="inline break-all font-mono text-xs" data-testid="report-session">
                    {r.evidence.session_id}
                  </dd>
                </div>
                <div>
                  <dt className="inline text-slate-500">Call </dt>
                  <dd className="inline">
                    {r.evidence.kind} · {r.evidence.status} · {formatDuration(r.evidence.duration_seconds)}
                  </dd>
                </div>
                <div>
                  <dt className="inline text-slate-500">Started </dt>
                  <dd className="inline">{formatUtcDateTime(r.evidence.started_at)}</dd>
                </div>
                {r.evidence.ended_at && (
                  <div>
                    <dt className="inline text-slate-500">Ended </dt>
                    <dd className="inline">{formatUtcDateTime(r.evidence.ended_at)}</dd>
                  </div>
                )}
              </dl>
            ) : (
              <p className="text-slate-500">{r.match ? "They had not called when this was reported." : "No call attached."}</p>
            )}
          </div>
          <div className="rounded-xl bg-slate-50 p-3">
            <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Their match</p>
            {r.match ? (
              <>
                <p className="text-slate-700">
                  #{r.match.id} <StatusPill status={r.match.status} />
                </p>
                {r.match.last_calls.length > 0 ? (
                  <ul className="mt-1 space-y-0.5 text-slate-600">
                    {r.match.last_calls.map((c) => (
                      <li key={c.session_id}>
                        {formatUtcDateTime(c.started_at)} · {c.status} · {formatDuration(c.duration_seconds)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-500">No calls.</p>
                )}
              </>
            ) : (
              <p className="text-slate-500">Not tied to a match.</p>
            )}
          </div>
        </div>
      </div>
      <div className="border-t border-slate-100 pt-4 lg:border-l lg:border-t-0 lg:pl-5 lg:pt-0">
        {r.resolution ? (
          <div className="space-y-1 text-sm">
            <p className="font-semibold text-slate-900">{r.status === "actioned" ? "Actioned" : "Dismissed"}</p>
            <p className="text-slate-600">
              {r.resolution.by ? r.resolution.by.name : "An admin"} · {formatUtcDateTime(r.resolution.at)}
            </p>
            {r.resolution.note && <p className="whitespace-pre-wrap text-slate-700">{r.resolution.note}</p>}
          </div>
        ) : (
          <ResolveReportForm reportId={r.id} reportedName={r.reported.name} reportedBanned={r.reported.banned} reportedDeleted={r.reported.deleted} />
        )}
      </div>
    </li>
  );
}
