import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { reportStatusFilter, reportsQueue } from "@/lib/admin/reports";
import { pageParam } from "@/lib/admin/params";

export const dynamic = "force-dynamic";

/** `?status=open|resolved|all` (open by default), `?page=`. */
export const GET = route(async (req) => {
  await requireAdmin(req);
  const q = req.nextUrl.searchParams;
  return reportsQueue(reportStatusFilter.parse(q.get("status") ?? "open"), pageParam.parse(q.get("page") ?? 1));
});
