import { IntentLink } from "@/components/ui/IntentLink";
import type { MatchView } from "@/lib/matches/view";
import { Avatar } from "@/components/matches/Avatar";
import { LocalTime } from "@/components/matches/LocalTime";
import { CALL_STATUS_LABEL, CALL_STATUS_STYLE } from "@/components/matches/match-copy";
import { formatDuration } from "@/lib/format";

const SHOWN = 5;

/** The latest call with each match, newest first (a phone's "recents", one row per person). */
export function RecentCalls({ matches }: { matches: MatchView[] }) {
  const recent = matches
    .flatMap((m) => (m.last_call ? [{ match: m, call: m.last_call }] : []))
    .sort((a, b) => b.call.started_at.localeCompare(a.call.started_at))
    .slice(0, SHOWN);
  return (
    <section className="card p-5" aria-labelledby="recent-title">
      <h2 id="recent-title" className="text-lg font-semibold">
        Recent calls
      </h2>
      {recent.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No calls yet. Your first call with a match is a short one — just say hi.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100" data-testid="recent-calls">
          {recent.map(({ match, call }) => (
            <li key={call.session_id} data-testid="recent-call">
              <IntentLink href={`/matches/${match.match_id}`} className="-mx-2 flex items-center gap-3 rounded-xl px-2 py-2.5 hover:bg-slate-50">
                <Avatar name={match.other_user.name} photoUrl={match.other_user.photo_url} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-semibold">
                    {call.i_am_caller ? "↗️" : "↙️"} {match.other_user.name}
                  </span>
                  <span className="block text-xs text-slate-600">
                    <LocalTime iso={call.started_at} style="relative" />
                    {call.duration_seconds > 0 && ` · ${formatDuration(call.duration_seconds)}`}
                  </span>
                </span>
                <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${CALL_STATUS_STYLE[call.status]}`}>{CALL_STATUS_LABEL[call.status]}</span>
              </IntentLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
