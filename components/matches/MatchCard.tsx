import { IntentLink } from "@/components/ui/IntentLink";
import type { MatchView } from "@/lib/matches/view";
import { SafetyMenu } from "@/components/safety/SafetyMenu";
import { Avatar } from "@/components/matches/Avatar";
import { DecisionButtons } from "@/components/matches/DecisionButtons";
import { StartCallButton } from "@/components/matches/StartCallButton";
import { callsTogether } from "@/components/matches/match-copy";
import { formatLengthAdjective } from "@/lib/format";
import { MatchStatusChip } from "@/components/matches/MatchStatusChip";

/** One match: who, what you share, where you stand, and the one thing to do next. */
export function MatchCard({ match, firstCallSeconds }: { match: MatchView; firstCallSeconds: number }) {
  const other = match.other_user;
  const mutual = match.status === "matched";
  return (
    <article
      data-testid="match-card"
      data-match-id={match.match_id}
      data-status={match.status}
      aria-labelledby={`match-${match.match_id}-name`}
      className={`card flex w-full flex-col overflow-hidden ${mutual ? "border-green-300 bg-green-50/60 ring-1 ring-green-200" : ""}`}
    >
      {mutual && (
        <p className="bg-gradient-to-r from-green-500 to-emerald-500 px-4 py-1.5 text-center text-sm font-bold text-white">🎉 Mutual Match!</p>
      )}
      <div className="flex flex-1 flex-col gap-4 p-4">
        <header className="flex items-start gap-3">
          <Avatar name={other.name} photoUrl={other.photo_url} size="lg" />
          <div className="min-w-0 flex-1">
            <h2 id={`match-${match.match_id}-name`} className="truncate text-lg font-bold">
              <IntentLink href={`/matches/${match.match_id}`} className="hover:underline">
                {other.name}
                {other.age > 0 && <span className="font-semibold text-slate-500">, {other.age}</span>}
              </IntentLink>
            </h2>
            {other.city && <p className="truncate text-sm text-slate-600">📍 {other.city}</p>}
            <p className="mt-1.5">
              <MatchStatusChip status={match.status} myDecision={match.my_decision} otherName={other.name} />
            </p>
          </div>
          <SafetyMenu matchId={match.match_id} otherName={other.name} />
        </header>

        {match.shared_interests.length > 0 && (
          <ul className="flex flex-wrap gap-1.5" aria-label="Interests you share">
            {match.shared_interests.map((interest) => (
              <li key={interest} className="rounded-full bg-pink-50 px-2.5 py-0.5 text-xs font-medium text-pink-800">
                ✨ {interest}
              </li>
            ))}
          </ul>
        )}

        <div className="mt-auto space-y-2">
          <MatchAction match={match} firstCallSeconds={firstCallSeconds} />
        </div>
      </div>
    </article>
  );
}

/** The next step for a match: call, answer, rejoin, decide, wait or call again. */
export function MatchAction({ match, firstCallSeconds }: { match: MatchView; firstCallSeconds: number }) {
  const name = match.other_user.name;
  const live = match.live_session;
  if (live) {
    const href = `/call/${encodeURIComponent(live.session_id)}`;
    if (live.status === "active") {
      return (
        <IntentLink href={href} className="btn w-full min-h-11 bg-green-600 text-white hover:bg-green-700">
          🎥 Rejoin call
        </IntentLink>
      );
    }
    if (live.i_am_caller) {
      return (
        <IntentLink href={href} className="btn w-full min-h-11 border border-blue-200 bg-blue-50 text-blue-800 motion-safe:animate-pulse">
          📞 Calling {name}…
        </IntentLink>
      );
    }
    return <StartCallButton matchId={match.match_id} otherName={name} isMutual={match.is_mutual_match} label={`📞 Answer ${name}'s call`} />;
  }

  if (match.other_user.deleted) {
    return (
      <>
        <p className="rounded-xl bg-slate-50 px-3 py-2.5 text-center text-sm text-slate-600">This member has left Meetcute.</p>
        {match.total_calls > 0 && (
          <p className="text-center text-sm text-slate-600" data-testid="calls-together">
            {callsTogether(match.total_calls, match.total_minutes)}
          </p>
        )}
      </>
    );
  }

  switch (match.status) {
    case "pending":
      return (
        <>
          <StartCallButton matchId={match.match_id} otherName={name} label="Start Video Call 💕" />
          <p className="text-center text-xs text-slate-500">A {formatLengthAdjective(firstCallSeconds)} first call, then you both decide.</p>
        </>
      );
    case "awaiting_decision":
      if (match.my_decision) {
        return (
          <p className="rounded-xl bg-amber-50 px-3 py-2.5 text-center text-sm text-amber-900">
            ⏳ Waiting for {name} to decide
          </p>
        );
      }
      return (
        <>
          <p className="text-center text-sm font-medium text-slate-700">How was your call with {name}?</p>
          <DecisionButtons matchId={match.match_id} otherName={name} />
        </>
      );
    case "matched":
      return (
        <>
          <StartCallButton matchId={match.match_id} otherName={name} isMutual label={match.total_calls > 0 ? "Call Again 💕" : "Start Video Call 💕"} />
          <p className="text-center text-sm font-medium text-green-800" data-testid="calls-together">
            {callsTogether(match.total_calls, match.total_minutes)}
          </p>
        </>
      );
    case "passed":
      return <p className="text-center text-sm text-slate-500">You didn&apos;t both say yes this time.</p>;
    default:
      return <p className="text-center text-sm text-slate-500">This match has ended.</p>;
  }
}
