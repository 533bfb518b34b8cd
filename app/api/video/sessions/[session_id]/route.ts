import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { sessionFor } from "@/lib/calls/check-in";
import { now } from "@/lib/clock";
import { tooMany } from "@/lib/http/http-error";
import { parse } from "@/lib/validation";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";
import { rateLimitHot } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

// `?media=connected`: the page plays the other member's media — evidence that the call connected.
// `?media=down`: it played and has stopped (the page shows Reconnecting…); a first call gets that time back.
const query = z.object({ media: z.enum(["connected", "down"]).optional() });

// The call page polls this every 1.5 s (0.5 s while it rings) as its check-in: whether the call
// was answered, declined, cancelled or ended. `server_time` lets the client count down to
// `ends_at` on the server's clock, not its own. Per member, 120 polls per 30 s (4 a second,
// twice the page's fastest rate) before 429; the first 30 of a window are counted in memory only
// (rateLimitHot), so the page's own check-ins cost the database nothing.
export const GET = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const sessionId = await sessionIdFrom(params);
  const { media } = parse(query, { media: req.nextUrl.searchParams.get("media") ?? undefined });
  if (!(await rateLimitHot(`session-check-in:${member.id}`, { limit: 120, windowMs: 30_000 }))) {
    throw tooMany("You're checking this call too often. Please slow down.");
  }
  const session = await sessionFor(member.id, sessionId, { mediaPlaying: media === "connected", mediaDown: media === "down" });
  return { session, server_time: now().toISOString() };
});
