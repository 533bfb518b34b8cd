import { requireAdmin } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { unbanInput, unbanMember } from "@/lib/admin/members";
import { userIdFrom } from "@/lib/admin/params";

export const POST = route<{ user_id: string }>(async (req, { params }) => {
  const admin = await requireAdmin(req);
  const userId = await userIdFrom(params);
  return unbanMember(admin.id, userId, await jsonBody(req, unbanInput));
});
