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
