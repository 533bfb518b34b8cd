import { requireMember } from "@/lib/auth/session";
import { pendingCallsFor } from "@/lib/calls/queries";
import { route } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  return { pending_calls: await pendingCallsFor(member.id) };
});
