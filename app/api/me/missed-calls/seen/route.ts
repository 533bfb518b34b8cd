import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { markMissedSeen } from "@/lib/calls/queries";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { uuidParam } from "@/lib/validation";

const body = z.object({ session_ids: z.array(uuidParam).min(1).max(50) }).strict();

export const POST = route(async (req) => {
  const member = await requireMember(req);
  const { session_ids } = await jsonBody(req, body);
  await markMissedSeen(member.id, session_ids);
  return { ok: true };
});
