import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";
import { block } from "@/lib/matches/unmatch-block";

export const POST = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return block(member.id, await matchIdFrom(params));
});
