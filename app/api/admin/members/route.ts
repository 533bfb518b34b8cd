import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { searchMembers } from "@/lib/admin/members";
import { pageParam, searchParam } from "@/lib/admin/params";

export const dynamic = "force-dynamic";

/** `?q=` searches names and emails; `?page=` pages through the results. */
export const GET = route(async (req) => {
  await requireAdmin(req);
  const q = req.nextUrl.searchParams;
  return searchMembers(searchParam.parse(q.get("q") ?? ""), pageParam.parse(q.get("page") ?? 1));
});
