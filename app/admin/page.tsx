import { IntentLink } from "@/components/ui/IntentLink";
import { requireAdminPage } from "@/lib/admin/guard";
import { overview, STATS_DAYS } from "@/lib/admin/stats";
import { formatDuration, formatPercent } from "@/lib/format";
import { BarChart } from "@/components/admin/BarChart";
import { AutoRefresh } from "@/components/layout/AutoRefresh";
import { PageHeader, Section } from "@/components/admin/ui";

export const dynamic = "force-dynamic";

export default async function AdminOverviewPage() {
  await requireAdminPage();
  const s = await overview();
  const f = s.funnel;
  const steps = [
    { label: "First calls started", value: f.started },
    { label: "Answered", value: f.answered },
    { label: "Completed", value: f.completed },
    { label: "Both liked 💕", value: f.both_liked },
  ];

  return (
    <div className="space-y-6">
      <AutoRefresh everyMs={15_000} />
      <PageHeader title="Overview" subtitle={`Live numbers, refreshed every 15 s. Funnel and charts: the last ${STATS_DAYS} days (UTC).`} />

      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-stats">
        <Stat label="Members" value={s.members.total} detail={`${s.members.active_5m} active in the last 5 min · ${s.members.banned} banned`} />
        <Stat
          label="Calls right now"
          value={s.calls.ringing_now + s.calls.active_now}
          detail={`${s.calls.ringing_now} ringing · ${s.calls.active_now} active`}
          href="/admin/calls"
          highlight={s.calls.ringing_now + s.calls.active_now > 0}
        />
        <Stat label="Calls today" value={s.calls.today} detail="started since 00:00 UTC" />
        <Stat label="Open reports" value={s.open_reports} detail="waiting in the queue" href="/admin/reports" highlight={s.open_reports > 0} />
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
        <Section title="First-call funnel">
          <ol className="space-y-3" data-testid="funnel">
            {steps.map((step, i) => {
              const pct = f.started ? step.value / f.started : 0;
              return (
                <li key={step.label}>
                  <div className="mb-1 flex items-baseline justify-between text-sm">
                    <span className="font-medium text-slate-800">{step.label}</span>
                    <span className="tabular-nums text-slate-600">
                      <span className="font-semibold text-slate-900">{step.value}</span>
                      {i > 0 && f.started > 0 && <span className="ml-1.5 text-xs">({formatPercent(pct)})</span>}
                    </span>
                  </div>
                  <div className="h-2.5 overflow-hidden rounded-full bg-slate-100">
                    <div className="h-full rounded-full bg-gradient-to-r from-pink-500 to-purple-600" style={{ width: `${Math.max(pct * 100, step.value ? 2 : 0)}%` }} />
                  </div>
                </li>
              );
            })}
          </ol>
          <p className="mt-3 text-xs text-slate-500">Counted per match: a first call that was missed can be tried again.</p>
        </Section>
        </div>

        <div className="lg:col-span-3">
          <Section title="Call quality">
            <dl className="grid grid-cols-2 gap-x-6 gap-y-5 sm:grid-cols-3" data-testid="rates">
              <Rate label="First call → mutual" value={formatPercent(s.rates.first_call_to_mutual)} />
              <Rate label="Median first-call length" value={formatDuration(s.rates.median_first_call_seconds)} />
              <Rate label="Median time to answer" value={formatDuration(s.rates.median_seconds_to_answer)} />
              <Rate label="Declined" value={formatPercent(s.rates.decline)} hint="of calls that rang" />
              <Rate label="Missed" value={formatPercent(s.rates.missed)} hint="of calls that rang" />
            </dl>
          </Section>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card p-5">
          <BarChart
            title="Calls per day"
            series={[
              { key: "connected", label: "Connected", color: "#db2777" },
              { key: "unanswered", label: "Not connected", color: "#f9a8d4" },
            ]}
            data={s.daily.map((d) => ({ day: d.day, connected: d.connected, unanswered: d.calls - d.connected }))}
          />
        </section>
        <section className="card p-5">
          <BarChart
            title="New mutual matches per day"
            series={[{ key: "mutual", label: "Both liked", color: "#9333ea" }]}
            data={s.daily.map((d) => ({ day: d.day, mutual: d.mutual }))}
          />
        </section>
      </div>
    </div>
  );
}

function Stat({ label, value, detail, href, highlight }: { label: string; value: number; detail: string; href?: string; highlight?: boolean }) {
  const body = (
    <>
      <p className="text-sm font-medium text-slate-600">{label}</p>
      <p className={`mt-1 text-3xl font-bold tabular-nums ${highlight ? "text-pink-600" : "text-slate-900"}`}>{value}</p>
      <p className="mt-1 text-xs text-slate-500">{detail}</p>
    </>
  );
  return href ? (
    <IntentLink href={href} className="card block p-5 transition hover:border-pink-300 hover:shadow">
      {body}
    </IntentLink>
  ) : (
    <div className="card p-5">{body}</div>
  );
}

function Rate({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-2xl font-bold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
