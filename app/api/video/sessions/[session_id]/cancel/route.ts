import { requireMember } from "@/lib/auth/session";
import { cancelCall } from "@/lib/calls/end-call";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return { session: await cancelCall(member.id, await sessionIdFrom(params)) };
});
