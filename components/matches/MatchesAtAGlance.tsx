import { IntentLink } from "@/components/ui/IntentLink";
import type { MatchView } from "@/lib/matches/view";
import { Avatar } from "@/components/matches/Avatar";
import { matchStatusLabel, plural } from "@/components/matches/match-copy";

const SHOWN = 5;

/** The dashboard's summary of the member's matches: counts by state and the newest few. */
export function MatchesAtAGlance({ matches }: { matches: MatchView[] }) {
  const open = matches.filter((m) => m.status !== "passed");
  const counts = [
    { n: open.filter((m) => m.status === "pending").length, text: "to meet" },
    { n: open.filter((m) => m.status === "awaiting_decision" && !m.my_decision).length, text: "to decide" },
    { n: open.filter((m) => m.status === "matched").length, text: "mutual 💕" },
  ].filter((c) => c.n > 0);

  return (
    <section className="card p-5" aria-labelledby="glance-title">
      <div className="flex items-center justify-between gap-3">
        <h2 id="glance-title" className="text-lg font-semibold">
          Your matches
        </h2>
        {open.length > 0 && (
          <IntentLink href="/matches" className="text-sm font-semibold text-pink-700 hover:underline">
            See all ›
          </IntentLink>
        )}
      </div>
      {open.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No matches yet. Tap “Find my match” and we&apos;ll introduce you to someone.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">
            {plural(open.length, "match", "matches")}
            {counts.length > 0 && ` · ${counts.map((c) => `${c.n} ${c.text}`).join(" · ")}`}
          </p>
          <ul className="mt-2 divide-y divide-slate-100" data-testid="match-list">
            {open.slice(0, SHOWN).map((m) => {
              const chip = matchStatusLabel(m.status, m.my_decision, m.other_user.name);
              return (
                <li key={m.match_id} data-testid="match-row" data-status={m.status}>
                  <IntentLink href={`/matches/${m.match_id}`} className="-mx-2 flex items-center gap-3 rounded-xl px-2 py-2.5 hover:bg-slate-50">
                    <Avatar name={m.other_user.name} photoUrl={m.other_user.photo_url} size="sm" />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-semibold">
                        {m.other_user.name}
                        {m.other_user.age > 0 && <span className="font-normal text-slate-500">, {m.other_user.age}</span>}
                      </span>
                      {m.other_user.city && <span className="block truncate text-xs text-slate-600">{m.other_user.city}</span>}
                    </span>
                    <span className={`shrink-0 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${chip.style}`}>{chip.text}</span>
                  </IntentLink>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
