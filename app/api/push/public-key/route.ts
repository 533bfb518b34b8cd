import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { vapidKeys } from "@/lib/push/vapid";

export const dynamic = "force-dynamic";

// { "public_key": "<base64url VAPID public key>" }, or null when this server has Web Push off.
export const GET = route(async (req) => {
  await requireMember(req);
  return { public_key: vapidKeys()?.publicKey ?? null };
});
