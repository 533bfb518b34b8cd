import { requireMember } from "@/lib/auth/session";
import { callHistoryJson } from "@/lib/calls/queries";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";

export const dynamic = "force-dynamic";

// The JSON comes from PostgreSQL as text (lib/calls/queries.ts) and is passed through untouched.
export const GET = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const json = await callHistoryJson(member.id, await matchIdFrom(params));
  return new Response(json, { headers: { "content-type": "application/json" } });
});
