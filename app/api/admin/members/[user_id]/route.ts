import { requireAdmin } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { adminDeleteInput, deleteAccountAsAdmin } from "@/lib/account/deletion";
import { memberDetail } from "@/lib/admin/members";
import { userIdFrom } from "@/lib/admin/params";

export const dynamic = "force-dynamic";

export const GET = route<{ user_id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  return memberDetail(await userIdFrom(params));
});

/** Deletes the member's account as their own deletion does, audited: `{ note? }`. */
export const DELETE = route<{ user_id: string }>(async (req, { params }) => {
  const admin = await requireAdmin(req);
  const userId = await userIdFrom(params);
  return deleteAccountAsAdmin(admin.id, userId, await jsonBody(req, adminDeleteInput));
});
