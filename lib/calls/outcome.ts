import type { SessionView } from "@/lib/calls/types";
import type { TransportState } from "@/lib/media/types";

// What the call page says and where it goes, as plain functions of the session and the media state.

type Ended = Pick<SessionView, "status" | "cap_seconds" | "match_id">;

/** A first call that connected leads to the decision; anything else back to the match. */
export function pathAfterCall(s: Ended): string {
  return s.status === "completed" && s.cap_seconds !== null ? `/matches/${s.match_id}/decide` : `/matches/${s.match_id}`;
}

/** Calls that ended before anyone talked: shown on the page rather than navigated away from. */
export function isUnansweredOutcome(status: SessionView["status"]): boolean {
  return status === "declined" || status === "missed" || status === "cancelled";
}

export function outcomeText(s: Pick<SessionView, "status" | "role" | "other_user_name">): { title: string; detail: string } {
  const name = s.other_user_name;
  const caller = s.role === "caller";
  switch (s.status) {
    case "declined":
      return caller
        ? { title: `${name} declined`, detail: `${name} can't talk right now. Try again a bit later.` }
        : { title: "You declined this call", detail: `${name} knows you couldn't take it.` };
    case "missed":
      return caller
        ? { title: "No answer", detail: `${name} didn't pick up in time. Try again a bit later.` }
        : { title: "Missed call", detail: `You missed ${name}'s call. Call back from your matches.` };
    case "cancelled":
      return caller
        ? { title: "Call cancelled", detail: `You hung up before ${name} answered.` }
        : { title: `${name} cancelled the call`, detail: `${name} hung up before you joined.` };
    default:
      return { title: "Call ended", detail: "This call is over." };
  }
}

/**
 * What the call page says as it leaves a call that was answered, where the screen alone would
 * not say why it ended: a connection lost (whose), the other member hanging up, a moderator.
 * Null for one's own hang-up and the first call's cap (the decision screen follows). Never says
 * more than the member may know: a ban or a block ends the call without a reason.
 */
export function endedNotice(s: Pick<SessionView, "status" | "end_reason" | "ended_by" | "other_user_name">): { text: string; error: boolean } | null {
  const name = s.other_user_name;
  if (s.status === "failed")
    return s.end_reason === "connection_lost"
      ? { text: "The connection dropped before your call really started. You can call again.", error: true }
      : { text: "The video couldn't connect. You can try calling again.", error: true };
  if (s.status !== "completed") return null;
  switch (s.end_reason) {
    // The server named whose connection it was (the vanish rule, or a page's report while the
    // other had gone quiet: end-call.ts).
    case "left":
      if (s.ended_by === "you") return { text: "Your connection dropped for too long, so the call ended.", error: true };
      if (s.ended_by === "them") return { text: `${name}'s connection dropped, so the call ended.`, error: false };
    // falls through: nobody named (LiveKit's room closing), said as a lost connection.
    // A page gave up restoring the path while both were still there: nobody's fault to name.
    case "connection_lost":
      return { text: `The connection with ${name} was lost, so the call ended.`, error: false };
    case "hangup":
      return s.ended_by === "them" ? { text: `${name} ended the call.`, error: false } : null;
    case "admin":
      return { text: "A moderator ended this call.", error: false };
    default:
      return null;
  }
}

/** The connection line under the other member's name. */
export function stateText(state: TransportState, otherName: string, everConnected: boolean): string {
  switch (state) {
    case "connecting":
      return "Connecting…";
    case "connected":
      return "Connected";
    case "reconnecting":
      return "Reconnecting…";
    case "peer-left":
      return `${otherName} left`;
    case "failed":
      return everConnected ? "Connection lost" : "Couldn't connect";
  }
}
