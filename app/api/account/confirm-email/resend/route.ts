import { requireMember } from "@/lib/auth/session";
import { resendConfirmation } from "@/lib/auth/email-confirmation";
import { route } from "@/lib/http/responder";

// POST /api/account/confirm-email/resend {} — a new confirmation link; 409 once confirmed, 429 after 3 an hour.
export const POST = route(async (req) => {
  await resendConfirmation((await requireMember(req)).id);
  return Response.json({ ok: true }, { status: 202 });
});
