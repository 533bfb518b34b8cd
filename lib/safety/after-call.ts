import { CALL_TYPE_LABEL } from "@/lib/calls/rules";
import type { CallHistory } from "@/lib/calls/queries";

/** How long after a repeat call its match page still asks "How was it?". */
export const ASK_AFTER_CALL_MINUTES = 15;

/**
 * The repeat call a member's match page asks a quiet "How was it?" about: the match's latest
 * call, when it is a repeat call that connected and ended in the last 15 minutes. (A first
 * call has its own moment: the decision screen.)
 */
export function callToAskAbout(history: Pick<CallHistory, "calls">, at: Date): string | null {
  const latest = history.calls.reduce<CallHistory["calls"][number] | null>((a, c) => (!a || c.started_at > a.started_at ? c : a), null);
  if (!latest || latest.status !== "completed" || latest.call_type !== CALL_TYPE_LABEL.repeat || !latest.ended_at) return null;
  return at.getTime() - Date.parse(latest.ended_at) <= ASK_AFTER_CALL_MINUTES * 60_000 ? latest.session_id : null;
}
