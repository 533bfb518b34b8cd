import { IntentLink } from "@/components/ui/IntentLink";
import { memberOrRedirect } from "@/lib/auth/session";
import { callTiming } from "@/lib/calls/config";
import { unseenMissedCalls } from "@/lib/calls/queries";
import { matchesFor } from "@/lib/matches/view";
import { EnableCallAlertsButton } from "@/components/incoming-calls/EnableCallAlertsButton";
import { PushAlertsOffer } from "@/components/incoming-calls/PushAlerts";
import { FindMatchPanel } from "@/components/matches/FindMatchPanel";
import { MatchesAtAGlance } from "@/components/matches/MatchesAtAGlance";
import { MissedCalls } from "@/components/matches/MissedCalls";
import { RecentCalls } from "@/components/matches/RecentCalls";
import { plural } from "@/components/matches/match-copy";

export const metadata = { title: "Home — Meetcute" };

export default async function DashboardPage() {
  const member = await memberOrRedirect("/dashboard");
  // Missed calls first: reading them resolves ring timeouts, which the match list then reflects.
  const missed = await unseenMissedCalls(member.id);
  const matches = await matchesFor(member.id);
  const toDecide = matches.filter((m) => m.status === "awaiting_decision" && !m.my_decision).length;
  const toMeet = matches.filter((m) => m.status === "pending").length;
  // Offered once the member has had a first call, not to someone who just signed up.
  const hadACall = matches.some((m) => m.total_calls > 0);

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-bold sm:text-3xl">Hi {member.displayName} 👋</h1>
        <p className="mt-1 text-slate-600">
          {toDecide > 0
            ? `${plural(toDecide, "match is", "matches are")} waiting for your decision.`
            : toMeet > 0
              ? `${plural(toMeet, "match is", "matches are")} waiting for a first call.`
              : "Here is who you can meet today."}
        </p>
        <EnableCallAlertsButton className="mt-3 sm:hidden" />
      </section>

      {hadACall && <PushAlertsOffer />}

      {!member.photoPath && (
        <IntentLink href="/profile" className="card flex items-center gap-3 border-pink-200 bg-pink-50/70 p-4 hover:bg-pink-50">
          <span className="text-2xl" aria-hidden="true">
            📸
          </span>
          <span className="min-w-0 flex-1 text-sm">
            <span className="block font-semibold text-pink-900">Add a photo</span>
            <span className="block text-pink-800">Matches are more likely to pick up when they can see who&apos;s calling.</span>
          </span>
          <span aria-hidden="true" className="text-pink-400">
            ›
          </span>
        </IntentLink>
      )}

      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-5 lg:order-last">
          <section className="card p-5" aria-labelledby="find-title">
            <h2 id="find-title" className="text-lg font-semibold">
              Meet someone new
            </h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">We pick someone whose preferences fit yours both ways.</p>
            <FindMatchPanel firstCallSeconds={callTiming().firstCallCapSeconds} />
          </section>
          <MissedCalls initial={missed} />
        </div>
        <div className="space-y-5">
          <MatchesAtAGlance matches={matches} />
          <RecentCalls matches={matches} />
        </div>
      </div>
    </div>
  );
}
