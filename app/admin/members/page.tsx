import { IntentLink } from "@/components/ui/IntentLink";
import { requireAdminPage } from "@/lib/admin/guard";
import { searchMembers } from "@/lib/admin/members";
import { pageParam, searchParam } from "@/lib/admin/params";
import { formatUtcDate, secondsSince, timeAgo } from "@/lib/format";
import { now } from "@/lib/clock";
import { EmptyState, MemberLink, PageHeader, Pagination, Pill, td, th } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminMembersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const params = await searchParams;
  const result = await searchMembers(searchParam.parse(params.q ?? ""), pageParam.parse(params.page ?? 1));
  const t = now().getTime();
  const href = (page: number) => `/admin/members?${new URLSearchParams({ ...(result.q ? { q: result.q } : {}), page: String(page) })}`;

  return (
    <div>
      <PageHeader title="Members" subtitle={`${result.total} ${result.q ? `matching “${result.q}”` : "in total"}`}>
        <form action="/admin/members" className="flex w-full max-w-md gap-2" role="search">
          <label htmlFor="member-search" className="sr-only">
            Search by name or email
          </label>
          <input id="member-search" name="q" defaultValue={result.q} placeholder="Search by name or email" className="field py-2" maxLength={100} />
          <button type="submit" className="btn-primary">
            Search
          </button>
          {result.q && (
            <IntentLink href="/admin/members" className="btn-secondary">
              Clear
            </IntentLink>
          )}
        </form>
      </PageHeader>
      <section className="card overflow-hidden">
        {result.members.length === 0 ? (
          <div className="p-5">
            <EmptyState>No members match “{result.q}”.</EmptyState>
          </div>
        ) : (
          <table className="w-full" data-testid="members">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={th}>Name</th>
                <th className={th}>Email</th>
                <th className={th}>City</th>
                <th className={th}>Joined</th>
                <th className={th}>Last active</th>
                <th className={th}>Open reports</th>
                <th className={th}>Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.members.map((m) => (
                <tr key={m.id} data-testid="member-row" className="hover:bg-slate-50">
                  <td className={td}>
                    <MemberLink member={m} />
                    {m.role === "admin" && (
                      <span className="ml-1.5">
                        <Pill tone="purple">admin</Pill>
                      </span>
                    )}
                  </td>
                  <td className={`${td} text-slate-600`}>{m.deleted_at ? "—" : m.email}</td>
                  <td className={`${td} text-slate-600`}>{m.city}</td>
                  <td className={`${td} text-slate-600`}>{formatUtcDate(m.created_at)}</td>
                  <td className={`${td} text-slate-600`}>{timeAgo(secondsSince(m.last_active_at, t))}</td>
                  <td className={`${td} tabular-nums`}>{m.open_reports > 0 ? <Pill tone="amber">{m.open_reports}</Pill> : <span className="text-slate-400">0</span>}</td>
                  <td className={td}>{m.deleted_at ? <Pill tone="slate">Deleted</Pill> : m.banned_at ? <Pill tone="red">Banned</Pill> : <Pill tone="green">Active</Pill>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Pagination page={result.page} pages={result.pages} href={href} />
    </div>
  );
}
