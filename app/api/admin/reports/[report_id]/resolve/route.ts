import { requireAdmin } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { resolveInput, resolveReport } from "@/lib/admin/reports";
import { reportIdFrom } from "@/lib/admin/params";

/** `{ "action": "dismiss" | "ban", "note": "…" }` */
export const POST = route<{ report_id: string }>(async (req, { params }) => {
  const admin = await requireAdmin(req);
  const reportId = await reportIdFrom(params);
  return resolveReport(admin.id, reportId, await jsonBody(req, resolveInput));
});
