import { IntentLink } from "@/components/ui/IntentLink";
import type { MatchView } from "@/lib/matches/view";
import { AutoRefresh } from "@/components/layout/AutoRefresh";
import { Avatar } from "@/components/matches/Avatar";
import { Celebration } from "@/components/matches/Celebration";
import { DecisionButtons } from "@/components/matches/DecisionButtons";
import { ReportLink } from "@/components/safety/ReportLink";
import { StartCallButton } from "@/components/matches/StartCallButton";

/** After the first call: decide, wait for the other member, then celebrate or part kindly. */
export function DecisionScreen({ match }: { match: MatchView }) {
  const other = match.other_user;
  const name = other.name;

  if (match.status === "matched") {
    return (
      <Celebration otherName={name} otherPhotoUrl={other.photo_url}>
        <StartCallButton matchId={match.match_id} otherName={name} isMutual label="Call Again 💕" className="min-h-12 text-base" />
        <IntentLink href={`/matches/${match.match_id}`} className="btn-secondary w-full">
          See {name}&apos;s profile
        </IntentLink>
      </Celebration>
    );
  }

  if (match.status === "passed") {
    return (
      <Panel match={match} emoji="🌱" title="Not a match this time">
        <p className="text-slate-700">
          Thanks for meeting {name}. Not every call is a spark — and that&apos;s fine. Your next match could be.
        </p>
        <IntentLink href="/dashboard" className="btn-primary mt-6 w-full min-h-12 text-base">
          Find my next match
        </IntentLink>
      </Panel>
    );
  }

  if (match.status === "awaiting_decision" && match.my_decision) {
    return (
      <Panel match={match} emoji="⏳" title={`Waiting for ${name}…`}>
        <AutoRefresh everyMs={2000} />
        <p className="text-slate-700">
          You {match.my_decision === "like" ? "liked" : "passed on"} {name}. We&apos;ll show you the outcome as soon as {name} decides — keep this page
          open or come back later.
        </p>
        <p className="mt-5 flex justify-center gap-1.5" aria-hidden="true">
          {[0, 150, 300].map((delay) => (
            <span key={delay} className="size-2.5 rounded-full bg-pink-400 motion-safe:animate-bounce" style={{ animationDelay: `${delay}ms` }} />
          ))}
        </p>
      </Panel>
    );
  }

  if (match.status === "awaiting_decision") {
    return (
      <Panel match={match} emoji="💭" title={`How was your call with ${name}?`}>
        <p className="text-slate-700">Would you like to call {name} again? Your choice stays private unless you both say yes.</p>
        <div className="mt-6">
          <DecisionButtons matchId={match.match_id} otherName={name} size="lg" />
        </div>
        <div className="mt-4">
          <ReportLink matchId={match.match_id} otherName={name} />
        </div>
      </Panel>
    );
  }

  if (match.status === "pending") {
    return (
      <Panel match={match} emoji="📞" title={`You haven't met ${name} yet`}>
        <p className="text-slate-700">Decisions come after your first video call. It only takes a minute.</p>
        <div className="mt-6">
          <StartCallButton matchId={match.match_id} otherName={name} label="Start Video Call 💕" />
        </div>
      </Panel>
    );
  }

  return (
    <Panel match={match} emoji="👋" title="This match has ended">
      <IntentLink href="/matches" className="btn-secondary mt-4 w-full">
        Back to your matches
      </IntentLink>
    </Panel>
  );
}

function Panel({ match, emoji, title, children }: { match: MatchView; emoji: string; title: string; children: React.ReactNode }) {
  return (
    <section className="card px-6 py-8 text-center sm:px-10" data-testid="decision-screen" data-status={match.status}>
      <div className="relative mx-auto w-fit">
        <Avatar name={match.other_user.name} photoUrl={match.other_user.photo_url} size="xl" />
        <span aria-hidden="true" className="absolute -bottom-1 -right-1 flex size-10 items-center justify-center rounded-full bg-white text-xl shadow">
          {emoji}
        </span>
      </div>
      <h1 className="mt-5 text-2xl font-bold">{title}</h1>
      <div className="mx-auto mt-2 max-w-sm">{children}</div>
    </section>
  );
}
