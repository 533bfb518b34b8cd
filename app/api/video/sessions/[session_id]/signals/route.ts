import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { jsonBody, parse, route } from "@/lib/http/handler";
import { sessionIdFrom } from "@/lib/http/params";
import { afterIdParam, postSignal, signalInput, signalsFor } from "@/lib/media/signalling";

export const dynamic = "force-dynamic";

const query = z.object({ after: afterIdParam }).strict();

// Direct-WebRTC signalling: GET ?after=<id> polls the other member's messages, POST sends one.
export const GET = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const sessionId = await sessionIdFrom(params);
  const { after } = parse(query, Object.fromEntries(req.nextUrl.searchParams));
  return { signals: await signalsFor(member.id, sessionId, after) };
});

export const POST = route<{ session_id: string }>(async (req, { params }) => {
  const member = await requireMember(req);
  const sessionId = await sessionIdFrom(params);
  const input = await jsonBody(req, signalInput);
  return { signal: await postSignal(member.id, sessionId, input) };
});
