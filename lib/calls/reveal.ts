import "server-only";
import { transaction } from "@/lib/db/transaction";
import { conflict } from "@/lib/http/http-error";
import { sessionsChanged } from "@/lib/calls/effects";
import { lockedSessionFor } from "@/lib/calls/locked-session";
import { sessionInclude, toSessionView } from "@/lib/calls/session-view";
import type { SessionView } from "@/lib/calls/types";

// Blur until I reveal (first calls). Each member's picture leaves their own browser blurred
// (lib/media/browser/outgoing-video.ts) while their flag on the session is set; the flag starts
// from their profile's "Start first calls blurred" and only they can clear it, once, by
// revealing. The other side learns of it through `session.changed`, so its label follows.

/** The member reveals their picture for the rest of this call. Revealing twice is a no-op. */
export async function revealSelf(userId: number, sessionId: string): Promise<SessionView> {
  return transaction(async (tx) => {
    const s = await lockedSessionFor(tx, sessionId, userId);
    if (s.status !== "active" && s.status !== "ringing") throw conflict("This call has already ended.", "ended");
    const isCaller = s.callerId === userId;
    if (!(isCaller ? s.callerBlurred : s.calleeBlurred)) return toSessionView(s, userId);
    const revealed = await tx.callSession.update({
      where: { id: s.id },
      data: isCaller ? { callerBlurred: false } : { calleeBlurred: false },
      include: sessionInclude,
    });
    await sessionsChanged(tx, [{ id: s.id, matchId: s.matchId, callerId: s.callerId, calleeId: s.calleeId, from: s.status, to: s.status }]);
    return toSessionView(revealed, userId);
  });
}
