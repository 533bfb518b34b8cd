import type { NextApiRequest, NextApiResponse } from "next";
import { requireMemberSessionFromNode } from "@/lib/auth/session";
import { nodeRoute } from "@/lib/http/node-handler";
import { HttpError } from "@/lib/http/http-error";
import { serveMemberStream } from "@/lib/events/stream";
import { admitStream } from "@/lib/events/limits";
import { clientAddress } from "@/lib/http/client-address";
import { isDraining } from "@/lib/server/shutdown";

// The signed-in member's push channel (server-sent events), one per tab; see lib/events/.
// A Pages Router API route on purpose: it hands the handler Node's own request and response, so
// an open stream costs its socket and a closure rather than an App Router request pipeline held
// open for hours (docs/architecture.md, "The pages/ exception").
export const config = { api: { bodyParser: false, responseLimit: false } };

export default nodeRoute(
  async (req: NextApiRequest, res: NextApiResponse) => {
    // A stream opened now would never end and hold the shutdown open; the tab reopens it elsewhere.
    if (isDraining()) throw new HttpError(503, "This instance is shutting down.");
    const { member, sessionId } = await requireMemberSessionFromNode(req);
    const address = clientAddress(req.headers);
    admitStream(address);
    serveMemberStream(member.id, address, res, sessionId);
    return undefined; // the stream answers on `res` itself
  },
  { methods: ["GET"], wrongMethod: "Use GET to open the event stream." },
);
