import { passwordResetSchema, resetPassword } from "@/lib/auth/passwords";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";

// POST /api/account/password-reset/confirm { token, password } — sets the password, ends every session.
export const POST = route(async (req) => {
  await resetPassword(await jsonBody(req, passwordResetSchema));
  return { ok: true };
});
