import { requireMemberSession } from "@/lib/auth/session";
import { changePassword, passwordChangeSchema } from "@/lib/auth/passwords";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";

// POST /api/account/password { current_password, new_password } — ends every other session.
export const POST = route(async (req) => {
  const { member, sessionId } = await requireMemberSession(req);
  await changePassword(member.id, sessionId, await jsonBody(req, passwordChangeSchema));
  return { ok: true };
});
