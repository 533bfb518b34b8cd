import type { CallHistory } from "@/lib/calls/queries";
import { LocalTime } from "@/components/matches/LocalTime";
import { CALL_STATUS_LABEL, CALL_STATUS_STYLE } from "@/components/matches/match-copy";
import { formatDuration } from "@/lib/format";

/** Every call attempt of a match, newest first: when, who called, outcome and length. */
export function CallHistoryList({ history, otherName }: { history: CallHistory; otherName: string }) {
  if (history.calls.length === 0) {
    return <p className="px-1 py-6 text-center text-sm text-slate-600">No calls yet. When you call, each one shows up here.</p>;
  }
  const calls = [...history.calls].reverse();
  return (
    <ol className="divide-y divide-slate-100" data-testid="call-history">
      {calls.map((c) => (
        <li key={c.session_id} data-testid="call-history-row" data-session-id={c.session_id} data-status={c.status} className="flex items-center gap-3 py-3">
          <span aria-hidden="true" className="flex size-10 shrink-0 items-center justify-center rounded-full bg-slate-100 text-lg">
            {c.caller_is_me ? "↗️" : "↙️"}
          </span>
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold">
              <LocalTime iso={c.started_at} />
            </p>
            <p className="truncate text-xs text-slate-600">
              {c.caller_is_me ? "You called" : `${otherName} called`} · {c.call_type}
            </p>
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1">
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${CALL_STATUS_STYLE[c.status]}`}>{CALL_STATUS_LABEL[c.status]}</span>
            {c.answered_at && (
              <span className="text-xs tabular-nums text-slate-600" aria-label={`Lasted ${c.duration_seconds} seconds`}>
                {formatDuration(c.duration_seconds)}
              </span>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
