import { IntentLink } from "@/components/ui/IntentLink";
import { requireAdminPage } from "@/lib/admin/guard";
import { auditLog } from "@/lib/admin/audit";
import { pageParam } from "@/lib/admin/params";
import { formatUtcDateTime } from "@/lib/format";
import { EmptyState, PageHeader, Pagination, Pill, type PillTone, td, th } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

const ACTIONS: Record<string, { label: string; tone: PillTone }> = {
  "member.ban": { label: "Banned member", tone: "red" },
  "member.unban": { label: "Unbanned member", tone: "green" },
  "session.force_end": { label: "Force-ended call", tone: "amber" },
  "report.dismiss": { label: "Dismissed report", tone: "slate" },
  "report.ban": { label: "Banned from report", tone: "red" },
};

function targetHref(type: string, id: string): string | null {
  if (type === "user") return `/admin/members/${id}`;
  if (type === "report") return `/admin/reports?status=all`;
  return null;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const log = await auditLog(pageParam.parse((await searchParams).page ?? 1));
  return (
    <div>
      <PageHeader title="Audit log" subtitle={`Every admin action, newest first. Append-only: ${log.total} entries.`} />
      <section className="card overflow-hidden">
        {log.entries.length === 0 ? (
          <div className="p-5">
            <EmptyState>No admin actions yet.</EmptyState>
          </div>
        ) : (
          <table className="w-full" data-testid="audit-log">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={th}>When</th>
                <th className={th}>Admin</th>
                <th className={th}>Action</th>
                <th className={th}>Target</th>
                <th className={th}>Note</th>
                <th className={th}>Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {log.entries.map((e) => {
                const action = ACTIONS[e.action] ?? { label: e.action, tone: "slate" as const };
                const href = targetHref(e.target_type, e.target_id);
                const target = `${e.target_type} ${e.target_type === "session" ? e.target_id.slice(0, 8) : `#${e.target_id}`}`;
                return (
                  <tr key={e.id} data-testid="audit-entry">
                    <td className={`${td} whitespace-nowrap text-slate-600`}>{formatUtcDateTime(e.created_at)}</td>
                    <td className={td}>{e.admin.name}</td>
                    <td className={td}>
                      <Pill tone={action.tone}>{action.label}</Pill>
                    </td>
                    <td className={`${td} whitespace-nowrap`}>
                      {href ? (
                        <IntentLink href={href} className="hover:text-pink-700 hover:underline">
                          {target}
                        </IntentLink>
                      ) : (
                        <span title={e.target_id}>{target}</span>
                      )}
                    </td>
                    <td className={`${td} max-w-xs whitespace-pre-wrap text-slate-700`}>{e.note ?? <span className="text-slate-400">—</span>}</td>
                    <td className={`${td} max-w-sm`}>
                      {e.data ? (
                        <details>
                          <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">Show</summary>
                          <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-50 p-2 text-xs text-slate-700">{JSON.stringify(e.data, null, 2)}</pre>
                        </details>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <Pagination page={log.page} pages={log.pages} href={(page) => `/admin/audit?page=${page}`} />
    </div>
  );
}
