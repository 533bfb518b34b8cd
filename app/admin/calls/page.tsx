import { requireAdminPage } from "@/lib/admin/guard";
import { liveCalls } from "@/lib/admin/live-calls";
import { formatDuration, timeAgo } from "@/lib/format";
import { AutoRefresh } from "@/components/layout/AutoRefresh";
import { ForceEndButton } from "@/components/admin/ForceEndButton";
import { EmptyState, MemberLink, PageHeader, Pill, StatusPill, td, th } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

export default async function AdminLiveCallsPage() {
  await requireAdminPage();
  const calls = await liveCalls();
  return (
    <div>
      <AutoRefresh everyMs={5_000} />
      <PageHeader title="Live calls" subtitle="Every call ringing or in progress right now. Refreshed every 5 s." />
      <section className="card overflow-hidden">
        {calls.length === 0 ? (
          <div className="p-5">
            <EmptyState>No calls ringing or in progress right now.</EmptyState>
          </div>
        ) : (
          <table className="w-full" data-testid="live-calls">
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th className={th}>Status</th>
                <th className={th}>Kind</th>
                <th className={th}>Caller</th>
                <th className={th}>Callee</th>
                <th className={th}>Ringing since</th>
                <th className={th}>Talking for</th>
                <th className={th}>Match</th>
                <th className={`${th} text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {calls.map((c) => (
                <tr key={c.session_id} data-testid="live-call" data-session-id={c.session_id}>
                  <td className={td}>
                    <StatusPill status={c.status} />
                  </td>
                  <td className={td}>
                    {c.kind === "first" ? <Pill tone="blue">First call</Pill> : <Pill tone="pink">Repeat call 💕</Pill>}
                    {c.cap_seconds && <span className="ml-1.5 text-xs text-slate-500">cap {c.cap_seconds}s</span>}
                  </td>
                  <td className={td}>
                    <MemberLink member={c.caller} />
                  </td>
                  <td className={td}>
                    <MemberLink member={c.callee} />
                  </td>
                  <td className={`${td} tabular-nums`}>{timeAgo(c.age_seconds)}</td>
                  <td className={`${td} tabular-nums`}>{formatDuration(c.talking_seconds)}</td>
                  <td className={`${td} tabular-nums text-slate-600`}>#{c.match_id}</td>
                  <td className={`${td} text-right`}>
                    <ForceEndButton sessionId={c.session_id} between={`${c.caller.name} and ${c.callee.name}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="mt-3 text-xs text-slate-500">
        Force end hangs up for both members (a ringing call is cancelled, an active one completed) and closes its media room when LiveKit is configured.
      </p>
    </div>
  );
}
