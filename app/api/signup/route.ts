import { registerMember, signUpSchema } from "@/lib/auth/register";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { clientAddress } from "@/lib/http/client-address";
import { rateLimit } from "@/lib/http/rate-limit";
import { tooMany } from "@/lib/http/http-error";

export const POST = route(async (req) => {
  if (!(await rateLimit(`signup:${clientAddress(req.headers)}`, { limit: 30, windowMs: 10 * 60_000 }))) throw tooMany();
  const input = await jsonBody(req, signUpSchema);
  const user = await registerMember(input);
  return Response.json({ id: user.id, email: user.email }, { status: 201 });
});
