import type { Metadata, Viewport } from "next";
import { notFound, redirect } from "next/navigation";
import { memberOrRedirect } from "@/lib/auth/session";
import { sessionFor } from "@/lib/calls/check-in";
import type { SessionView } from "@/lib/calls/types";
import { HttpError } from "@/lib/http/http-error";
import { uuidParam } from "@/lib/validation";
import { matchViewFor } from "@/lib/matches/view";
import { isUnansweredOutcome, pathAfterCall } from "@/lib/calls/outcome";
import { isLive } from "@/lib/calls/rules";
import { CallRoom } from "@/components/call-room/CallRoom";

export const metadata: Metadata = { title: "Video call — Meetcute" };

// Full-screen video reaches under the notch; the layout pads by the safe-area insets.
export const viewport: Viewport = { viewportFit: "cover", themeColor: "#020617" };

export default async function CallPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId: raw } = await params;
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) notFound();
  const sessionId = parsed.data;
  const member = await memberOrRedirect(`/call/${sessionId}`);

  let session: SessionView;
  try {
    session = await sessionFor(member.id, sessionId);
  } catch (err) {
    // Not a member of this session (or it does not exist): the same 404 either way.
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  }
  // Coming back to a call that already happened (a reload, the back button): go where it led.
  if (!isLive(session.status) && !isUnansweredOutcome(session.status)) redirect(pathAfterCall(session));

  const match = await matchViewFor(session.match_id, member.id);
  return <CallRoom key={session.session_id} session={session} otherPhotoUrl={match?.other_user.photo_url ?? null} selfName={member.displayName} />;
}
