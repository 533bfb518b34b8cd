import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { jsonBody, route } from "@/lib/http/handler";
import { matchIdFrom } from "@/lib/http/params";
import { decide } from "@/lib/matches/decisions";

const body = z.object({ decision: z.enum(["like", "pass"], { message: 'decision must be "like" or "pass"' }) }).strict();

export const POST = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const matchId = await matchIdFrom(params);
  const { decision } = await jsonBody(req, body);
  return decide(member.id, matchId, decision);
});
