import "server-only";
import { badRequest } from "@/lib/http/errors";
import { MAX_PHOTO_BYTES } from "@/lib/profile/limits";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const TOO_BIG = "That photo is too big. Photos can be at most 5 MB.";

/**
 * The `photo` file of a multipart upload. The body is read with a byte cap — whatever
 * Content-Length claims, or without one — so an oversized upload is refused without being
 * held in memory.
 */
export async function photoFromUpload(req: Request): Promise<Uint8Array> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw badRequest('Send the photo as multipart/form-data in a field named "photo".');
  }
  const limit = MAX_PHOTO_BYTES + MULTIPART_OVERHEAD;
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw badRequest(TOO_BIG);
  const body = await readCapped(req, limit);

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw badRequest("The upload was malformed. Please try again.");
  }
  const photo = form.get("photo");
  if (!(photo instanceof Blob)) throw badRequest('Choose a photo to upload (field "photo").');
  if (photo.size > MAX_PHOTO_BYTES) throw badRequest(TOO_BIG);
  return new Uint8Array(await photo.arrayBuffer());
}

async function readCapped(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw badRequest(TOO_BIG);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
