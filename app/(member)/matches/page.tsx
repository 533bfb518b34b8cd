import { memberOrRedirect } from "@/lib/auth/session";
import { resolveExpiredFor } from "@/lib/calls/expiry";
import { callTiming } from "@/lib/calls/config";
import { matchesFor } from "@/lib/matches/view";
import { FindMatchPanel } from "@/components/matches/FindMatchPanel";
import { MatchingInterface } from "@/components/matches/MatchingInterface";

export const metadata = { title: "Matches — Meetcute" };

export default async function MatchesPage() {
  const member = await memberOrRedirect("/matches");
  // Calls that stopped ringing a moment ago must not show as live on the cards.
  await resolveExpiredFor(member.id);
  const matches = await matchesFor(member.id);
  const { firstCallCapSeconds } = callTiming();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">Your matches</h1>
        <p className="mt-1 text-slate-600">Meet in a short video call first — then you both decide, privately.</p>
      </header>
      {matches.length === 0 ? (
        <section className="card flex flex-col items-center gap-4 px-6 py-10 text-center">
          <p className="text-5xl" aria-hidden="true">
            💌
          </p>
          <div>
            <h2 className="text-lg font-semibold">No matches yet</h2>
            <p className="mt-1 text-slate-600">Ask for one and we&apos;ll find someone whose preferences fit yours both ways.</p>
          </div>
          <div className="w-full max-w-sm">
            <FindMatchPanel firstCallSeconds={firstCallCapSeconds} />
          </div>
        </section>
      ) : (
        <MatchingInterface matches={matches} firstCallSeconds={firstCallCapSeconds} />
      )}
    </div>
  );
}
