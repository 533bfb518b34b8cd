// The incoming-call card's answer, handed to the call page it opens: the card's join request
// already answered the call and returned the session and its media connection, so the page (a
// client-side navigation later, in the same document) starts from that instead of joining again.
// The join-video measurement saw the page's own join take 230 ms of the 1.0 s between the Join
// click and the first RTCPeerConnection. A page opened any other way (a reload, a push
// notification, the caller) joins as before; joining stays idempotent for a member.
import type { JoinedSession } from "@/lib/api/client";

/** Older than this, a handed-over answer is not used: the page asks the server again. */
export const HANDOVER_TTL_MS = 10_000;

let handed: { sessionId: string; joined: JoinedSession; at: number } | null = null;

export function handOverJoin(sessionId: string, joined: JoinedSession, now = Date.now()): void {
  handed = { sessionId, joined, at: now };
}

/** The answer handed over for this session (once), or null. */
export function claimJoin(sessionId: string, now = Date.now()): JoinedSession | null {
  const h = handed;
  if (!h || h.sessionId !== sessionId) return null;
  handed = null;
  return now - h.at <= HANDOVER_TTL_MS ? h.joined : null;
}
