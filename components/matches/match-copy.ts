// The words the match and call screens use for states, counts and durations, in one place so
// the card, the dashboard and the match page never describe the same thing differently
// (times and durations: lib/format.ts).
import type { CallStatus, MatchStatus } from "@/lib/generated/prisma/enums";
import { formatTotalMinutes } from "@/lib/format";

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 video calls together · 3 min", or the invitation before the first one. */
export function callsTogether(totalCalls: number, totalMinutes: number): string {
  if (totalCalls === 0) return "You can video call anytime";
  return `${plural(totalCalls, "video call")} together · ${formatTotalMinutes(totalMinutes)}`;
}

export const CALL_STATUS_LABEL: Record<CallStatus, string> = {
  ringing: "Ringing",
  active: "In progress",
  completed: "Completed",
  missed: "Missed",
  declined: "Declined",
  cancelled: "Cancelled",
  failed: "Couldn't connect",
};

export const CALL_STATUS_STYLE: Record<CallStatus, string> = {
  ringing: "bg-blue-100 text-blue-800",
  active: "bg-green-100 text-green-800",
  completed: "bg-emerald-50 text-emerald-800",
  missed: "bg-amber-100 text-amber-900",
  declined: "bg-slate-100 text-slate-700",
  cancelled: "bg-slate-100 text-slate-700",
  failed: "bg-red-50 text-red-800",
};

/** The short state chip of a match, from the viewer's side. */
export function matchStatusLabel(status: MatchStatus, myDecision: string | null, otherName: string): { text: string; style: string } {
  switch (status) {
    case "pending":
      return { text: "Ready to meet", style: "bg-blue-50 text-blue-800" };
    case "awaiting_decision":
      return myDecision
        ? { text: `Waiting for ${otherName}`, style: "bg-amber-50 text-amber-900" }
        : { text: "Your turn", style: "bg-pink-100 text-pink-800" };
    case "matched":
      return { text: "Mutual match 💕", style: "bg-green-100 text-green-800" };
    case "passed":
      return { text: "Not a match", style: "bg-slate-100 text-slate-600" };
    case "unmatched":
      return { text: "Ended", style: "bg-slate-100 text-slate-600" };
    case "blocked":
      return { text: "Blocked", style: "bg-slate-100 text-slate-600" };
  }
}
