import { z } from "zod";
import { confirmEmail } from "@/lib/auth/email-confirmation";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";

const confirmSchema = z.object({ token: z.string().min(1).max(200) }).strict();

// POST /api/account/confirm-email { token } — the link from the sign-up mail.
export const POST = route(async (req) => {
  await confirmEmail((await jsonBody(req, confirmSchema)).token);
  return { ok: true };
});
