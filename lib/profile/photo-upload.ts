import "server-only";
import { HttpError, badRequest } from "@/lib/http/http-error";
import { readBodyCapped } from "@/lib/http/body";
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
  // The shared streamed cap; an oversized photo gets the photo-specific message.
  const body = await readBodyCapped(req, MAX_PHOTO_BYTES + MULTIPART_OVERHEAD).catch((err) => {
    throw err instanceof HttpError && err.status === 413 ? badRequest(TOO_BIG) : err;
  });

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
