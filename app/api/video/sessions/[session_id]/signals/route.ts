import { z } from "zod";
import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { parse } from "@/lib/validation";
import { route } from "@/lib/http/responder";
import { sessionIdFrom } from "@/lib/http/params";
import { afterIdParam, MAX_SIGNAL_PAYLOAD_BYTES, postSignal, signalInput, signalsFor } from "@/lib/media/signalling";

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
  // Room for a full-size payload plus its envelope; the payload cap itself is checked in lib.
  const input = await jsonBody(req, signalInput, { maxBytes: MAX_SIGNAL_PAYLOAD_BYTES + 1024 });
  return { signal: await postSignal(member.id, sessionId, input) };
});
