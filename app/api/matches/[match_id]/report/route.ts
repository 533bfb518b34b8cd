import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { matchIdFrom } from "@/lib/http/params";
import { report } from "@/lib/safety/report";
import { REPORT_CONTENT_TYPES, reportRequest } from "@/lib/safety/report-request";

// JSON, or multipart from the call page with the snapshot (lib/safety/report-request.ts).
export const POST = route<{ match_id: string }>(
  async (req, { params }) => {
    const member = await requireMember(req);
    const matchId = await matchIdFrom(params);
    const { input, extras } = await reportRequest(req);
    const result = await report(member.id, matchId, input, extras);
    return Response.json(result, { status: 201 });
  },
  { accepts: REPORT_CONTENT_TYPES },
);
