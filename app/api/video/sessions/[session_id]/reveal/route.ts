import { requireMember } from "@/lib/auth/session";
import { revealSelf } from "@/lib/calls/reveal";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return { session: await revealSelf(member.id, await sessionIdFrom(params)) };
});
