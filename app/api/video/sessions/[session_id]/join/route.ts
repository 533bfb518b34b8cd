import { requireMember } from "@/lib/auth/session";
import { joinCall } from "@/lib/calls/answer";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";
import { mediaConnectionFor } from "@/lib/media/connection";

// Join returns the session and what the browser needs to connect the media.
export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const session = await joinCall(member.id, await sessionIdFrom(params));
  return { session, media: await mediaConnectionFor(session, member) };
});
