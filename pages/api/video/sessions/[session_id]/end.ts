import type { NextApiRequest } from "next";
import { z } from "zod";
import { requireMemberFromNode } from "@/lib/auth/session";
import { endCall } from "@/lib/calls/end-call";
import { MEMBER_END_REASONS } from "@/lib/calls/types";
import { jsonBody } from "@/lib/http/body";
import { nodeRoute } from "@/lib/http/node-handler";
import { sessionIdFromQuery } from "@/lib/http/params";

// POST /api/video/sessions/{id}/end { reason? } — hang up. `media_failed`: the client never got
// the media connected, so the session ends as `failed`; `connection_lost`: it connected, and the
// page gave up restoring it (the other member is told why). A Pages Router API route for the call's
// hot path (docs/architecture.md, "The pages/ exception").
export const config = { api: { bodyParser: false } };

const body = z.object({ reason: z.enum(MEMBER_END_REASONS).default("hangup") }).strict();

export default nodeRoute(
  async (req: NextApiRequest) => {
    const member = await requireMemberFromNode(req);
    const sessionId = sessionIdFromQuery(req.query);
    const { reason } = await jsonBody(req, body);
    return { session: await endCall(member.id, sessionId, reason) };
  },
  { methods: ["POST"], wrongMethod: "Use POST to end a call." },
);
