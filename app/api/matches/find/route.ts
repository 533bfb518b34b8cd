import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { rateLimit } from "@/lib/http/rate-limit";
import { tooMany } from "@/lib/http/http-error";
import { findMatchFor } from "@/lib/matching/engine";
import { matchViewFor } from "@/lib/matches/view";

// "Find my match": proposes the best new match, or says nobody fits right now.
export const POST = route(async (req) => {
  const member = await requireMember(req);
  if (!(await rateLimit(`find-match:${member.id}`, { limit: 20, windowMs: 60 * 60_000 }))) throw tooMany("That's a lot of new matches for one hour. Try again later.");
  const found = await findMatchFor(member.id);
  if (!found) return { match: null, message: "Nobody new fits your preferences right now. Check back soon!" };
  return Response.json({ match: await matchViewFor(found.match_id, member.id) }, { status: 201 });
});
