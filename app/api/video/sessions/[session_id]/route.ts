import { requireMember } from "@/lib/auth/session";
import { sessionFor } from "@/lib/calls/lifecycle";
import { now } from "@/lib/clock";
import { route } from "@/lib/http/handler";
import { sessionIdFrom } from "@/lib/http/params";

export const dynamic = "force-dynamic";

// The call page polls this: whether the call was answered, declined, cancelled or ended.
// `server_time` lets the client count down to `ends_at` on the server's clock, not its own.
export const GET = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const session = await sessionFor(member.id, await sessionIdFrom(params));
  return { session, server_time: now().toISOString() };
});
