import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";
import { unmatch } from "@/lib/matches/unmatch-block";

export const POST = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return unmatch(member.id, await matchIdFrom(params));
});
