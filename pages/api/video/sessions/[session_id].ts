import type { NextApiRequest } from "next";
import { z } from "zod";
import { requireMemberFromNode } from "@/lib/auth/session";
import { sessionFor } from "@/lib/calls/check-in";
import { now } from "@/lib/clock";
import { tooMany } from "@/lib/http/http-error";
import { nodeRoute } from "@/lib/http/node-handler";
import { sessionIdFromQuery } from "@/lib/http/params";
import { rateLimitHot } from "@/lib/http/rate-limit";
import { parse } from "@/lib/validation";

// GET /api/video/sessions/{id} — the call page's check-in, every 1.5 s (0.5 s while it rings):
// whether the call was answered, declined, cancelled or ended. `server_time` lets the client
// count down to `ends_at` on the server's clock, not its own. Per member, 120 per 30 s (4 a
// second, twice the page's fastest rate) before 429; the first 30 of a window are counted in
// memory only (rateLimitHot), so the page's own check-ins cost the database nothing.
//
// `?media=connected`: the page plays the other member's media — evidence that the call connected.
// `?media=down`: it played and has stopped (the page shows Reconnecting…); a first call gets that time back.
//
// A Pages Router API route, as the poll is, and for the same measured reason: it is the most
// frequent request of all (every member in a call, every 1.5 s: 60 % of the requests in the
// bench's online model), and the App Router's per-request pipeline was most of its server CPU
// (docs/architecture.md, "The pages/ exception"; docs/benchmarks.md). GET only: the check-in
// records evidence, so it is not offered as HEAD. (A GET passes no CSRF rule: a cross-site GET
// can't read the answer, and its writes are the ones the member's own page makes every 1.5 s.)
export const config = { api: { bodyParser: false } };

const query = z.object({ media: z.enum(["connected", "down"]).optional() });

export default nodeRoute(
  async (req: NextApiRequest) => {
    const member = await requireMemberFromNode(req);
    const sessionId = sessionIdFromQuery(req.query);
    const { media } = parse(query, { media: req.query.media });
    if (!(await rateLimitHot(`session-check-in:${member.id}`, { limit: 120, windowMs: 30_000 }))) {
      throw tooMany("You're checking this call too often. Please slow down.");
    }
    const session = await sessionFor(member.id, sessionId, { mediaPlaying: media === "connected", mediaDown: media === "down" });
    return { session, server_time: now().toISOString() };
  },
  { methods: ["GET"], wrongMethod: "Use GET to check in on a call." },
);
