import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { endSessionOf } from "@/lib/auth/sign-in-sessions";
import { route } from "@/lib/http/responder";
import { parse } from "@/lib/validation";

const params = z.object({ session_id: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a session id") });

// POST /api/account/sessions/{id}/sign-out {} — signs one of your devices out; 404 if not yours or already out.
export const POST = route<{ session_id: string }>(async (req, ctx) => {
  const member = await requireMember(req);
  const { session_id } = parse(params, await ctx.params);
  await endSessionOf(member.id, session_id);
  return { ok: true };
});
