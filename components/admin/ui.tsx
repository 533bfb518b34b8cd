import { IntentLink } from "@/components/ui/IntentLink";

// Small presentational pieces shared by the admin pages.

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
      </div>
      {children}
    </div>
  );
}

export function Section({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section className="card p-5">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

const PILL_TONES = {
  slate: "bg-slate-100 text-slate-700",
  green: "bg-emerald-100 text-emerald-800",
  amber: "bg-amber-100 text-amber-800",
  red: "bg-red-100 text-red-700",
  pink: "bg-pink-100 text-pink-700",
  blue: "bg-sky-100 text-sky-800",
  purple: "bg-purple-100 text-purple-800",
} as const;

export type PillTone = keyof typeof PILL_TONES;

export function Pill({ tone = "slate", children }: { tone?: PillTone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${PILL_TONES[tone]}`}>{children}</span>;
}

const STATUS_TONES: Record<string, PillTone> = {
  ringing: "amber",
  active: "green",
  completed: "slate",
  missed: "red",
  declined: "red",
  cancelled: "slate",
  failed: "red",
  pending: "blue",
  awaiting_decision: "amber",
  matched: "pink",
  passed: "slate",
  unmatched: "slate",
  blocked: "red",
  open: "amber",
  dismissed: "slate",
  actioned: "red",
};

/** A call, match or report status with its colour. */
export function StatusPill({ status }: { status: string }) {
  return <Pill tone={STATUS_TONES[status] ?? "slate"}>{status.replace(/_/g, " ")}</Pill>;
}

/** A member's name linking to their admin page; a reporter who deleted their account has no id left. */
export function MemberLink({ member }: { member: { id: number | null; name: string; banned?: boolean; deleted?: boolean } }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      {member.id === null ? (
        <span className="font-medium text-slate-600">{member.name}</span>
      ) : (
        <IntentLink href={`/admin/members/${member.id}`} className="font-medium text-pink-700 underline-offset-2 hover:underline">
          {member.name}
        </IntentLink>
      )}
      {member.banned && <Pill tone="red">banned</Pill>}
      {member.deleted && member.id !== null && <Pill tone="slate">deleted</Pill>}
    </span>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">{children}</p>;
}

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="mt-4 flex items-center justify-between text-sm" aria-label="Pages">
      {page > 1 ? (
        <IntentLink href={href(page - 1)} className="btn-secondary px-3 py-1.5">
          ← Previous
        </IntentLink>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <IntentLink href={href(page + 1)} className="btn-secondary px-3 py-1.5">
          Next →
        </IntentLink>
      ) : (
        <span />
      )}
    </nav>
  );
}

export const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";
export const td = "px-3 py-2.5 align-top text-sm";
