import { notFound } from "next/navigation";
import { memberOrRedirect } from "@/lib/auth/session";
import { idParam } from "@/lib/validation";
import { matchViewFor } from "@/lib/matches/view";
import { PushAlertsOffer } from "@/components/incoming-calls/PushAlerts";
import { DecisionScreen } from "@/components/matches/DecisionScreen";

export const metadata = { title: "Your decision — Meetcute" };

export default async function DecidePage({ params }: { params: Promise<{ matchId: string }> }) {
  const member = await memberOrRedirect();
  const id = idParam.safeParse((await params).matchId);
  if (!id.success) notFound();
  const match = await matchViewFor(id.data, member.id);
  if (!match || match.status === "blocked") notFound();
  return (
    <div className="mx-auto max-w-lg space-y-5">
      <DecisionScreen match={match} />
      {/* Just after a first call: the next one may come while Meetcute is closed. */}
      {(match.status === "awaiting_decision" || match.status === "matched") && <PushAlertsOffer otherName={match.other_user.name} />}
    </div>
  );
}
