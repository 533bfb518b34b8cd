import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { rateLimit } from "@/lib/http/rate-limit";
import { tooMany } from "@/lib/http/http-error";
import { photoFromUpload } from "@/lib/profile/photo-upload";
import { removePhoto, savePhoto } from "@/lib/profile/photos";

// Multipart upload, field "photo": JPEG, PNG or WebP by its bytes, at most 5 MB.
export const POST = route(async (req) => {
  const member = await requireMember(req);
  if (!(await rateLimit(`photo-upload:${member.id}`, { limit: 30, windowMs: 60 * 60_000 }))) throw tooMany("That's a lot of new photos for one hour. Try again later.");
  const saved = await savePhoto(member.id, await photoFromUpload(req));
  return Response.json(saved, { status: 201 });
}, { accepts: ["multipart/form-data"] });

export const DELETE = route(async (req) => {
  const member = await requireMember(req);
  await removePhoto(member.id);
  return { photoUrl: null };
});
