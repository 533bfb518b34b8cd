import { IntentLink } from "@/components/ui/IntentLink";
import { notFound } from "next/navigation";
import { memberOrRedirect } from "@/lib/auth/session";
import { resolveExpiredFor } from "@/lib/calls/expiry";
import { callTiming } from "@/lib/calls/config";
import { callHistory } from "@/lib/calls/queries";
import { idParam } from "@/lib/validation";
import { matchViewFor } from "@/lib/matches/view";
import { now } from "@/lib/clock";
import { callToAskAbout } from "@/lib/safety/after-call";
import { AfterCallCheck } from "@/components/safety/AfterCallCheck";
import { SafetyMenu } from "@/components/safety/SafetyMenu";
import { PushAlertsOffer } from "@/components/incoming-calls/PushAlerts";
import { AutoRefresh } from "@/components/layout/AutoRefresh";
import { Avatar } from "@/components/matches/Avatar";
import { CallHistoryList } from "@/components/matches/CallHistoryList";
import { MatchAction } from "@/components/matches/MatchCard";
import { MatchStatusChip } from "@/components/matches/MatchStatusChip";

export const metadata = { title: "Match — Meetcute" };

export default async function MatchPage({ params }: { params: Promise<{ matchId: string }> }) {
  const member = await memberOrRedirect();
  const id = idParam.safeParse((await params).matchId);
  if (!id.success) notFound();
  await resolveExpiredFor(member.id);
  const match = await matchViewFor(id.data, member.id);
  if (!match || match.status === "blocked") notFound();
  const history = await callHistory(member.id, match.match_id);
  const other = match.other_user;
  const shared = new Set(match.shared_interests.map((i) => i.toLowerCase()));
  const ended = match.status === "unmatched";
  const askAbout = ended ? null : callToAskAbout(history, now());

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <AutoRefresh everyMs={10_000} enabled={!ended} />
      <IntentLink href="/matches" className="inline-block text-sm font-semibold text-pink-700 hover:underline">
        ← All matches
      </IntentLink>

      {askAbout && <AfterCallCheck key={askAbout} matchId={match.match_id} otherName={other.name} sessionId={askAbout} />}

      <section className={`card overflow-hidden ${match.is_mutual_match ? "border-green-300" : ""}`} data-testid="match-detail" data-status={match.status}>
        {match.is_mutual_match && (
          <p className="bg-gradient-to-r from-green-500 to-emerald-500 px-4 py-1.5 text-center text-sm font-bold text-white">🎉 Mutual Match!</p>
        )}
        <div className="space-y-5 p-5 sm:p-6">
          <header className="flex items-start gap-4">
            <Avatar name={other.name} photoUrl={other.photo_url} size="xl" className="max-sm:size-20 max-sm:text-3xl" />
            <div className="min-w-0 flex-1">
              <h1 className="text-2xl font-bold">
                {other.name}
                {other.age > 0 && <span className="font-semibold text-slate-500">, {other.age}</span>}
              </h1>
              {other.city && <p className="text-slate-600">📍 {other.city}</p>}
              <p className="mt-2">
                <MatchStatusChip status={match.status} myDecision={match.my_decision} otherName={other.name} />
              </p>
            </div>
            {!ended && <SafetyMenu matchId={match.match_id} otherName={other.name} />}
          </header>

          {other.bio && <p className="whitespace-pre-line text-slate-700">{other.bio}</p>}

          {other.interests.length > 0 && (
            <ul className="flex flex-wrap gap-1.5" aria-label={`${other.name}'s interests`}>
              {other.interests.map((interest) => (
                <li
                  key={interest}
                  className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${shared.has(interest.toLowerCase()) ? "bg-pink-100 text-pink-800" : "bg-slate-100 text-slate-700"}`}
                >
                  {shared.has(interest.toLowerCase()) ? `✨ ${interest}` : interest}
                </li>
              ))}
            </ul>
          )}

          {ended ? (
            <p className="rounded-xl bg-slate-50 px-3 py-2.5 text-center text-sm text-slate-600">This match has ended.</p>
          ) : (
            <div className="space-y-2 sm:mx-auto sm:max-w-sm">
              <MatchAction match={match} firstCallSeconds={callTiming().firstCallCapSeconds} />
            </div>
          )}
        </div>
      </section>

      <section className="card p-5 sm:p-6" aria-labelledby="history-title">
        <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="history-title" className="text-lg font-semibold">
            Call history
          </h2>
          <p className="text-sm text-slate-600">
            {history.total_attempts} {history.total_attempts === 1 ? "call" : "calls"} · {history.total_calls} connected
          </p>
        </div>
        <CallHistoryList history={history} otherName={other.name} />
      </section>

      {/* A match can call back any time: the moment to offer alerts that reach a closed tab. Last
          on the page: whether it shows is known only in the browser, so it appears after hydration
          and must not push the call history down (a layout shift of 0.10 on a phone). */}
      {!ended && <PushAlertsOffer otherName={other.name} />}
    </div>
  );
}
