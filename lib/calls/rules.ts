// The call-session state machine, as data. Every status change a request makes goes through
// transition() in lib/calls/lifecycle.ts, which refuses anything not drawn here.
//
//   ringing ──join──▶ active ──end / cap──▶ completed
//      │                 └──end (media never connected)──▶ failed
//      ├─decline──▶ declined     (callee)
//      ├─cancel───▶ cancelled    (caller; also unmatch/block/ban/force-end)
//      └─timeout──▶ missed       (nobody answered within the ring timeout)
import type { CallStatus } from "@/lib/generated/prisma/enums";

export const LIVE_STATUSES: CallStatus[] = ["ringing", "active"];

export const TRANSITIONS: Record<CallStatus, CallStatus[]> = {
  ringing: ["active", "declined", "cancelled", "missed"],
  active: ["completed", "failed"],
  completed: [],
  missed: [],
  declined: [],
  cancelled: [],
  failed: [],
};

export function canTransition(from: CallStatus, to: CallStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isLive(status: CallStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

export const CALL_TYPE_LABEL = { first: "First Call", repeat: "Repeat Call 💕" } as const;

/** What the other person sees when a call they act on has already ended. */
export function endedMessage(status: CallStatus, otherName: string): string {
  switch (status) {
    case "cancelled":
      return `${otherName} cancelled the call.`;
    case "declined":
      return "This call was declined.";
    case "missed":
      return "This call is no longer ringing — nobody answered in time.";
    case "completed":
    case "failed":
      return "This call has already ended.";
    default:
      return "This call is not available.";
  }
}
