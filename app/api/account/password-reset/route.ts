import { passwordResetRequestSchema, requestPasswordReset } from "@/lib/auth/passwords";
import { clientAddress } from "@/lib/http/client-address";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";

// POST /api/account/password-reset { email } — 202 whatever the email, so it tells nobody who is a member.
export const POST = route(async (req) => {
  const input = await jsonBody(req, passwordResetRequestSchema);
  await requestPasswordReset(input, clientAddress(req.headers));
  return Response.json({ ok: true }, { status: 202 });
});
