import { requireAdmin } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";
import { forceEndInput, forceEndSession } from "@/lib/admin/live-calls";

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const admin = await requireAdmin(req);
  const sessionId = await sessionIdFrom(params);
  return forceEndSession(admin.id, sessionId, await jsonBody(req, forceEndInput));
});
