import { IntentLink } from "@/components/ui/IntentLink";
import { requireAdminPage } from "@/lib/admin/guard";
import { reportStatusFilter, reportsQueue } from "@/lib/admin/reports";
import { pageParam } from "@/lib/admin/params";
import { now } from "@/lib/clock";
import { ReportCard } from "@/components/admin/ReportCard";
import { EmptyState, PageHeader, Pagination } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS = [
  { key: "open", label: "Open" },
  { key: "resolved", label: "Resolved" },
  { key: "all", label: "All" },
] as const;

export default async function AdminReportsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const params = await searchParams;
  const q = await reportsQueue(reportStatusFilter.parse(params.status ?? "open"), pageParam.parse(params.page ?? 1));
  const t = now().getTime();

  return (
    <div>
      <PageHeader title="Reports" subtitle={`${q.open} open · oldest first, so nobody waits longest.`}>
        <nav className="flex rounded-xl border border-slate-200 bg-white p-1 text-sm font-medium" aria-label="Report status">
          {TABS.map((tab) => (
            <IntentLink
              key={tab.key}
              href={`/admin/reports?status=${tab.key}`}
              aria-current={q.filter === tab.key ? "page" : undefined}
              className={`rounded-lg px-3 py-1.5 ${q.filter === tab.key ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
            >
              {tab.label}
            </IntentLink>
          ))}
        </nav>
      </PageHeader>
      {q.reports.length === 0 ? (
        <EmptyState>{q.filter === "open" ? "No open reports. The queue is clear." : "No reports here."}</EmptyState>
      ) : (
        <ul className="space-y-4" data-testid="reports">
          {q.reports.map((r) => (
            <ReportCard key={r.id} report={r} nowMs={t} />
          ))}
        </ul>
      )}
      <Pagination page={q.page} pages={q.pages} href={(page) => `/admin/reports?status=${q.filter}&page=${page}`} />
    </div>
  );
}
