import type { NextApiRequest } from "next";
import { z } from "zod";
import { requireMemberFromNode } from "@/lib/auth/session";
import { startCall } from "@/lib/calls/start-call";
import { jsonBody } from "@/lib/http/body";
import { tooMany } from "@/lib/http/http-error";
import { nodeRoute } from "@/lib/http/node-handler";
import { rateLimitHot } from "@/lib/http/rate-limit";
import { idValue } from "@/lib/validation";

// POST /api/video/start-call { match_id } — ring the other member of a match (or get the call
// already ringing). A Pages Router API route, as the poll and the check-in are, for the same
// measured reason: the App Router's per-request pipeline was ~21 % of a call step's server CPU
// (docs/architecture.md, "The pages/ exception"; docs/benchmarks.md).
export const config = { api: { bodyParser: false } };

const body = z.object({ match_id: idValue }).strict();

export default nodeRoute(
  async (req: NextApiRequest) => {
    const member = await requireMemberFromNode(req);
    const { match_id } = await jsonBody(req, body);
    // Counted in this instance's memory up to a quarter of the limit (rateLimitHot): a member calling
    // as people do costs the database no write; one ringing in a loop meets the shared limit.
    if (!(await rateLimitHot(`start-call:${member.id}`, { limit: 30, windowMs: 60_000 }))) throw tooMany("You're calling too often. Please wait a minute.");
    const { session, existing } = await startCall(member.id, match_id);
    return { ...session, existing };
  },
  { methods: ["POST"], wrongMethod: "Use POST to start a call." },
);
