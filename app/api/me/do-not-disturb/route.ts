import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { doNotDisturbFor, doNotDisturbSchema, setDoNotDisturb } from "@/lib/profile/do-not-disturb";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  return doNotDisturbFor(member.id);
});

// { "mode": "1h" | "until_tomorrow" | "until_turned_on" | "off", "time_zone"?: "Europe/Lisbon" }
export const PUT = route(async (req) => {
  const member = await requireMember(req);
  return setDoNotDisturb(member.id, await jsonBody(req, doNotDisturbSchema));
});
