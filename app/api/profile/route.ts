import { requireMember } from "@/lib/auth/session";
import { jsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/responder";
import { ownProfile, profileUpdateSchema, updateProfile } from "@/lib/profile/profile";

export const dynamic = "force-dynamic";

export const GET = route(async (req) => {
  const member = await requireMember(req);
  return ownProfile(member.id);
});

export const PATCH = route(async (req) => {
  const member = await requireMember(req);
  return updateProfile(member.id, await jsonBody(req, profileUpdateSchema));
});
