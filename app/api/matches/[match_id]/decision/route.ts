import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";
import { decide } from "@/lib/matches/decisions";
import { decisionValue } from "@/lib/validation";

const body = z.object({ decision: decisionValue }).strict();

export const POST = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const matchId = await matchIdFrom(params);
  const { decision } = await jsonBody(req, body);
  return decide(member.id, matchId, decision);
});
