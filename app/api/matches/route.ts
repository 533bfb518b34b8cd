import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { matchesFor } from "@/lib/matches/view";
import { resolveExpiredFor } from "@/lib/calls/expiry";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  await resolveExpiredFor(member.id);
  return { matches: await matchesFor(member.id) };
});
