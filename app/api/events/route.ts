import { route } from "@/lib/http/handler";
import { requireMember } from "@/lib/auth/session";
import { memberEventStream, STREAM_HEADERS } from "@/lib/events/stream";

// The signed-in member's push channel (server-sent events). One per tab; see lib/events/.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  return new Response(memberEventStream(member.id, req.signal), { headers: STREAM_HEADERS });
});
