import type { NextApiRequest } from "next";
import { requireMemberFromNode } from "@/lib/auth/session";
import { incomingCallsFor } from "@/lib/calls/queries";
import { nodeRoute } from "@/lib/http/node-handler";

// GET /api/video/pending-calls — the calls ringing for me; every signed-in tab polls it (every
// 3 s without the event stream, less often with it), so it is the hot path. Usually answered
// from memory with no database round trip (lib/auth/signed-in-member-cache.ts, lib/calls/incoming-calls-cache.ts).
// A Pages Router API route because the App Router's pipeline cost about twice the Pages
// Router's per request under load, which set this route's throughput and tail (docs/architecture.md,
// "The pages/ exception"; docs/benchmarks.md).
export const config = { api: { bodyParser: false } };

export default nodeRoute(
  async (req: NextApiRequest) => {
    const member = await requireMemberFromNode(req);
    return { pending_calls: await incomingCallsFor(member.id) };
  },
  { methods: ["GET"], wrongMethod: "Use GET to read pending calls." },
);
