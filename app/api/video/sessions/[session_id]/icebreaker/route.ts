import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";
import { anotherIcebreaker, anotherIcebreakerInput } from "@/lib/icebreakers/another-icebreaker";

/** `{ "seen_turn": n | null }`: the next prompt for both members of the call. */
export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const sessionId = await sessionIdFrom(params);
  return { session: await anotherIcebreaker(member.id, sessionId, await jsonBody(req, anotherIcebreakerInput)) };
});
