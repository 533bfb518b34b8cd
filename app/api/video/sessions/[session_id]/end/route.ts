import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { endCall } from "@/lib/calls/end-call";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";

// `media_failed`: the client never got the media connected, so the session ends as `failed`.
const body = z.object({ reason: z.enum(["hangup", "media_failed"]).default("hangup") }).strict();

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const sessionId = await sessionIdFrom(params);
  const { reason } = await jsonBody(req, body);
  return { session: await endCall(member.id, sessionId, reason) };
});
