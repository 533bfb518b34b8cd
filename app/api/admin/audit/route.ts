import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { auditLog } from "@/lib/admin/audit";
import { pageParam } from "@/lib/admin/params";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  await requireAdmin(req);
  return auditLog(pageParam.parse(req.nextUrl.searchParams.get("page") ?? 1));
});
