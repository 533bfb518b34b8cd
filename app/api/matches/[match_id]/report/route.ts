import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";
import { report, reportInput } from "@/lib/safety/report";

// The JSON contract is snake_case like the rest of the API; the rules are lib/safety/report's.
const { reason, details, sessionId, alsoBlock } = reportInput.shape;
const body = z.object({ reason, details, session_id: sessionId, also_block: alsoBlock }).strict();

export const POST = route<{ match_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const matchId = await matchIdFrom(params);
  const input = await jsonBody(req, body);
  const result = await report(member.id, matchId, {
    reason: input.reason,
    details: input.details,
    sessionId: input.session_id,
    alsoBlock: input.also_block,
  });
  return Response.json(result, { status: 201 });
});
