import { requireMember } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/auth/passwords";
import { route } from "@/lib/http/responder";

// POST /api/account/sign-out-everywhere {} — ends every session of the member, this one included.
export const POST = route(async (req) => {
  const member = await requireMember(req);
  return { ok: true, signed_out: await signOutEverywhere(member.id) };
});
