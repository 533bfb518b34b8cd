import { requireMember } from "@/lib/auth/session";
import { route } from "@/lib/http/responder";
import { readPhoto } from "@/lib/profile/photos";

export const dynamic = "force-dynamic";

// Profile photos are for signed-in members only. Names are random and never reused, so a
// browser may keep one for a long time — privately, never in a shared cache.
export const GET = route<{ name: string }>(async (req, { params }) => {
  await requireMember(req);
  const { bytes, contentType } = await readPhoto((await params).name);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": contentType,
      "content-length": String(bytes.byteLength),
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
});
