import { CHECK_YOUR_INBOX, registerMember, signUpSchema } from "@/lib/auth/register";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { clientAddress } from "@/lib/http/client-address";
import { rateLimit } from "@/lib/http/rate-limit";
import { tooMany } from "@/lib/http/http-error";

export const POST = route(async (req) => {
  if (!(await rateLimit(`signup:${clientAddress(req.headers)}`, { limit: 30, windowMs: 10 * 60_000 }))) throw tooMany();
  const input = await jsonBody(req, signUpSchema);
  await registerMember(input);
  // The same answer for a new and a registered email (lib/auth/register.ts).
  return Response.json({ ok: true, message: CHECK_YOUR_INBOX }, { status: 202 });
});
