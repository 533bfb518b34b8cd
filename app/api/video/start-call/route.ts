import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { startCall } from "@/lib/calls/start-call";
import { idValue } from "@/lib/validation";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { rateLimitHot } from "@/lib/http/rate-limit";
import { tooMany } from "@/lib/http/http-error";

const body = z.object({ match_id: idValue }).strict();

export const POST = route(async (req) => {
  const member = await requireMember(req);
  const { match_id } = await jsonBody(req, body);
  // Counted in this instance's memory up to a quarter of the limit (rateLimitHot): a member calling
  // as people do costs the database no write; one ringing in a loop meets the shared limit.
  if (!(await rateLimitHot(`start-call:${member.id}`, { limit: 30, windowMs: 60_000 }))) throw tooMany("You're calling too often. Please wait a minute.");
  const { session, existing } = await startCall(member.id, match_id);
  return { ...session, existing };
});
