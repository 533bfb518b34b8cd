import { requireAdmin } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { memberDetail } from "@/lib/admin/members";
import { userIdFrom } from "@/lib/admin/params";

export const dynamic = "force-dynamic";

export const GET = route<{ user_id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  return memberDetail(await userIdFrom(params));
});
