import { requireMember } from "@/lib/auth/session";
import { callHistory } from "@/lib/calls/queries";
import { route } from "@/lib/http/handler";
import { matchIdFrom } from "@/lib/http/params";

export const dynamic = "force-dynamic";

export const GET = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  return callHistory(member.id, await matchIdFrom(params));
});
