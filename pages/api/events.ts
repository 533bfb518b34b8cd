import type { NextApiRequest, NextApiResponse } from "next";
import { requireMemberFromNode } from "@/lib/auth/session";
import { sendNodeError } from "@/lib/http/node-handler";
import { ApiError } from "@/lib/http/errors";
import { serveMemberStream } from "@/lib/events/stream";
import { isDraining } from "@/lib/server/shutdown";

// The signed-in member's push channel (server-sent events), one per tab; see lib/events/.
// A Pages Router API route, the one route outside the App Router, on purpose: it hands the
// handler Node's own request and response, so an open stream costs its socket and a closure
// rather than an App Router request pipeline held open for hours (README, "Memory per stream").
export const config = { api: { bodyParser: false, responseLimit: false } };

export default async function events(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  try {
    if (req.method !== "GET") {
      res.setHeader("Allow", "GET"); // kept by sendNodeError's writeHead, which merges headers
      throw new ApiError(405, "Use GET to open the event stream.");
    }
    // A stream opened now would never end and hold the shutdown open; the tab reopens it elsewhere.
    if (isDraining()) throw new ApiError(503, "This instance is shutting down.");
    const member = await requireMemberFromNode(req);
    serveMemberStream(member.id, res);
  } catch (err) {
    await sendNodeError(res, err, req);
  }
}
