import { IntentLink } from "@/components/ui/IntentLink";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/admin/guard";
import { memberDetail } from "@/lib/admin/members";
import { formatDuration, formatUtcDate, formatUtcDateTime, secondsSince, timeAgo } from "@/lib/format";
import { idParam } from "@/lib/validation";
import { HttpError } from "@/lib/http/http-error";
import { now } from "@/lib/clock";
import { REPORT_REASONS } from "@/lib/safety/reasons";
import { BanPanel } from "@/components/admin/BanPanel";
import { DeleteMemberButton } from "@/components/admin/DeleteMemberButton";
import { EmptyState, MemberLink, Pill, Section, StatusPill, td, th } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

export default async function AdminMemberPage({ params }: { params: Promise<{ user_id: string }> }) {
  await requireAdminPage();
  const id = idParam.safeParse((await params).user_id);
  if (!id.success) notFound();
  const m = await memberDetail(id.data).catch((err) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  const name = m.name;
  const t = now().getTime();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <IntentLink href="/admin/members" className="text-sm text-slate-600 hover:text-slate-900">
          ← Members
        </IntentLink>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{name}</h1>
        {m.role === "admin" && <Pill tone="purple">admin</Pill>}
        {m.deleted_at ? (
          <Pill tone="slate">Deleted {formatUtcDate(m.deleted_at)}</Pill>
        ) : m.banned_at ? (
          <Pill tone="red">Banned {formatUtcDate(m.banned_at)}</Pill>
        ) : (
          <Pill tone="green">Active</Pill>
        )}
        <span className="text-sm text-slate-600">
          #{m.id}
          {m.deleted_at ? "" : ` · ${m.email}`} · joined {formatUtcDate(m.created_at)} · last active {timeAgo(secondsSince(m.last_active_at, t))}
        </span>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section title="Profile">
            {m.profile ? (
              <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
                <Field label="Age">{m.profile.age}</Field>
                <Field label="Gender">{m.profile.gender}</Field>
                <Field label="Wants to meet">{m.profile.interested_in.join(", ") || "—"}</Field>
                <Field label="Age range">
                  {m.profile.age_range[0]}–{m.profile.age_range[1]}
                </Field>
                <Field label="City">{m.profile.city}</Field>
                <Field label="Interests">{m.profile.interests.join(", ") || "—"}</Field>
                <div className="col-span-full">
                  <dt className="text-slate-500">Bio</dt>
                  <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{m.profile.bio || "—"}</dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">{m.deleted_at ? "Removed with the account." : "No profile yet."}</p>
            )}
          </Section>
        </div>
        {m.deleted_at ? (
          <Section title="Account">
            <p className="text-sm text-slate-600">This account was deleted on {formatUtcDateTime(m.deleted_at)}. Its matches, calls and reports stay for the record.</p>
          </Section>
        ) : (
          <div className="space-y-6">
            <Section title={m.banned_at ? "Ban" : "Ban member"}>
              <BanPanel userId={m.id} name={name} bannedAt={m.banned_at} banReason={m.ban_reason} isAdmin={m.role === "admin"} />
            </Section>
            {m.role !== "admin" && (
              <Section title="Delete account">
                <DeleteMemberButton userId={m.id} name={name} />
              </Section>
            )}
          </div>
        )}
      </div>

      <Section title={`Reports about ${name} (${m.reports_received.length})`}>
        {m.reports_received.length === 0 ? (
          <EmptyState>Nobody has reported {name}.</EmptyState>
        ) : (
          <ReportsTable rows={m.reports_received.map((r) => ({ ...r, other: r.by }))} otherLabel="Reported by" />
        )}
      </Section>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Matches (${m.matches.length})`}>
          {m.matches.length === 0 ? (
            <EmptyState>No matches yet.</EmptyState>
          ) : (
            <table className="w-full">
              <thead>
                <tr className="border-b border-slate-200">
                  <th className={th}>With</th>
                  <th className={th}>Status</th>
                  <th className={th}>Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {m.matches.map((x) => (
                  <tr key={x.match_id}>
                    <td className={td}>
                      <MemberLink member={x.other} />
                    </td>
                    <td className={td}>
                      <StatusPill status={x.status} />
                    </td>
                    <td className={`${td} whitespace-nowrap text-slate-600`}>{formatUtcDate(x.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <Section title={`Recent calls (${m.calls.length})`}>
          {m.calls.length === 0 ? (
            <EmptyState>No calls yet.</EmptyState>
          ) : (
            <table className="w-full">
              <thead>
                <tr className="border-b border-slate-200">
                  <th className={th}>With</th>
                  <th className={th}>Status</th>
                  <th className={th}>Started</th>
                  <th className={th}>Length</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {m.calls.map((c) => (
                  <tr key={c.session_id}>
                    <td className={td}>
                      <MemberLink member={c.other} />
                      <span className="ml-1.5 text-xs text-slate-500">
                        {c.role === "caller" ? "called" : "was called"} · {c.kind}
                      </span>
                    </td>
                    <td className={td}>
                      <StatusPill status={c.status} />
                      {c.end_reason && <span className="ml-1 text-xs text-slate-500">{c.end_reason}</span>}
                    </td>
                    <td className={`${td} whitespace-nowrap text-slate-600`}>{formatUtcDateTime(c.started_at)}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{formatDuration(c.duration_seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>

      {m.reports_made.length > 0 && (
        <Section title={`Reports made by ${name} (${m.reports_made.length})`}>
          <ReportsTable rows={m.reports_made.map((r) => ({ ...r, other: r.about }))} otherLabel="About" />
        </Section>
      )}
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}

type ReportRow = {
  id: number;
  reason: keyof typeof REPORT_REASONS;
  status: string;
  created_at: string;
  details: string | null;
  other: { id: number | null; name: string };
};

function ReportsTable({ rows, otherLabel }: { rows: ReportRow[]; otherLabel: string }) {
  return (
    <table className="w-full">
      <thead>
        <tr className="border-b border-slate-200">
          <th className={th}>When</th>
          <th className={th}>{otherLabel}</th>
          <th className={th}>Reason</th>
          <th className={th}>Details</th>
          <th className={th}>Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={`${td} whitespace-nowrap text-slate-600`}>{formatUtcDateTime(r.created_at)}</td>
            <td className={td}>
              <MemberLink member={r.other} />
            </td>
            <td className={td}>{REPORT_REASONS[r.reason]}</td>
            <td className={`${td} max-w-md text-slate-700`}>{r.details ?? <span className="text-slate-400">—</span>}</td>
            <td className={td}>
              <StatusPill status={r.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
