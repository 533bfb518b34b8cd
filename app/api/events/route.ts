import { route } from "@/lib/http/handler";
import { requireMember } from "@/lib/auth/session";
import { memberEventStream, STREAM_HEADERS } from "@/lib/events/stream";
import { ApiError } from "@/lib/http/errors";
import { isDraining } from "@/lib/server/shutdown";

// The signed-in member's push channel (server-sent events). One per tab; see lib/events/.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  // A stream opened now would never end and hold the shutdown open; the tab reopens it elsewhere.
  if (isDraining()) throw new ApiError(503, "This instance is shutting down.");
  const member = await requireMember(req);
  return new Response(memberEventStream(member.id, req.signal), { headers: STREAM_HEADERS });
});
