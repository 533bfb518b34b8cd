import { NextResponse } from "next/server";
import { requireMember } from "@/lib/auth/session";
import { conflict, tooMany } from "@/lib/http/http-error";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { rateLimit } from "@/lib/http/rate-limit";
import { pushSubscriptionSchema, subscribe, unsubscribe, unsubscribeSchema } from "@/lib/push/subscriptions";
import { vapidKeys } from "@/lib/push/vapid";

export const dynamic = "force-dynamic";

// Body: the browser's PushSubscription.toJSON(): { endpoint, expirationTime?, keys: { p256dh, auth } }.
export const POST = route(async (req) => {
  const member = await requireMember(req);
  if (!(await rateLimit(`push-subscribe:${member.id}`, { limit: 30, windowMs: 60 * 60_000 }))) throw tooMany();
  const body = await jsonBody(req, pushSubscriptionSchema);
  if (!vapidKeys()) throw conflict("Call alerts for closed tabs are not available on this server.", "push_unavailable");
  await subscribe(member.id, body, req.headers.get("user-agent"));
  return NextResponse.json({ ok: true }, { status: 201 });
});

// Body: { endpoint }. Forgets this browser; answers 200 whether or not it was stored.
export const DELETE = route(async (req) => {
  const member = await requireMember(req);
  const { endpoint } = await jsonBody(req, unsubscribeSchema);
  await unsubscribe(member.id, endpoint);
  return { ok: true };
});
