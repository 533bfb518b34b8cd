import { requireMember } from "@/lib/auth/session";
import { unseenMissedCalls } from "@/lib/calls/queries";
import { route } from "@/lib/http/responder";

export const dynamic = "force-dynamic";

// Calls the member missed and hasn't seen yet; POST …/seen clears them once shown.
export const GET = route(async (req) => {
  const member = await requireMember(req);
  return { missed_calls: await unseenMissedCalls(member.id) };
});
