import { requireMember } from "@/lib/auth/session";
import { declineCall } from "@/lib/calls/end-call";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return { session: await declineCall(member.id, await sessionIdFrom(params)) };
});
