import type { NextApiRequest } from "next";
import { requireMemberFromNode } from "@/lib/auth/session";
import { joinCall } from "@/lib/calls/answer";
import { nodeRoute } from "@/lib/http/node-handler";
import { sessionIdFromQuery } from "@/lib/http/params";
import { mediaConnectionFor } from "@/lib/media/connection";

// POST /api/video/sessions/{id}/join — answer a ringing call (or rejoin an active one): the
// session and what the browser needs to connect the media. A Pages Router API route for the
// call's hot path (docs/architecture.md, "The pages/ exception"). No body is read; the CSRF
// rules still ask for a JSON Content-Type.
export const config = { api: { bodyParser: false } };

export default nodeRoute(
  async (req: NextApiRequest) => {
    const member = await requireMemberFromNode(req);
    const sessionId = sessionIdFromQuery(req.query);
    const session = await joinCall(member.id, sessionId);
    return { session, media: await mediaConnectionFor(session, member) };
  },
  { methods: ["POST"], wrongMethod: "Use POST to join a call." },
);
