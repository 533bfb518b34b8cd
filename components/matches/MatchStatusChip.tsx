import type { MatchStatus } from "@/lib/generated/prisma/enums";
import { matchStatusLabel } from "@/components/matches/match-copy";

/** The match's state as a coloured chip ("Ready to meet", "Your turn", "Mutual match 💕"…). */
export function MatchStatusChip({ status, myDecision, otherName }: { status: MatchStatus; myDecision: string | null; otherName: string }) {
  const chip = matchStatusLabel(status, myDecision, otherName);
  return (
    <span className={`inline-block max-w-full truncate whitespace-nowrap rounded-full px-2.5 py-0.5 align-top text-xs font-semibold ${chip.style}`}>
      {chip.text}
    </span>
  );
}
