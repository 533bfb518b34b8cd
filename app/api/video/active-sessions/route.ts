import { requireMember } from "@/lib/auth/session";
import { activeSessionsFor } from "@/lib/calls/queries";
import { route } from "@/lib/http/responder";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  return { active_sessions: await activeSessionsFor(member.id) };
});
