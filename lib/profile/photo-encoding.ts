import "server-only";
import sharp, { type Metadata } from "sharp";
import { badRequest } from "@/lib/http/http-error";

/** Largest decoded input accepted: a 48-megapixel phone photo fits, a decompression bomb doesn't. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Longest side of a stored photo; profile photos never show larger. */
export const MAX_OUTPUT_SIDE = 1024;
export const PHOTO_CONTENT_TYPE = "image/jpeg";

const NOT_A_PHOTO = "That file isn't a photo we can use. Upload a JPEG, PNG or WebP image.";
const DAMAGED = "That photo looks damaged. Try another one.";

type ImageType = "jpeg" | "png" | "webp";

/**
 * The type given by the file's magic bytes. Checked before the decoder sees the file, because
 * sharp also reads SVG, TIFF, GIF, HEIF and more, which a profile photo has no reason to be.
 */
function sniff(bytes: Uint8Array): ImageType | null {
  const at = (offset: number, ...expected: number[]) => expected.every((b, i) => bytes[offset + i] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return "jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "webp";
  return null;
}

/**
 * Decodes an upload and encodes a new JPEG from its pixels alone: turned upright by its EXIF
 * orientation, converted to sRGB, shrunk to at most 1024 px, and with nothing else kept — no
 * EXIF/GPS, no ICC profile, no comments, no trailing data, no embedded second image. Throws a
 * 400 for anything that is not a single still JPEG, PNG or WebP that decodes cleanly.
 */
export async function reencodePhoto(bytes: Uint8Array): Promise<Buffer> {
  const type = sniff(bytes);
  if (!type) throw badRequest(NOT_A_PHOTO);
  let meta: Metadata;
  try {
    // Reads the header only; the pixel cap below is checked before anything is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw badRequest(DAMAGED);
  }
  if (meta.format !== type) throw badRequest(DAMAGED);
  if ((meta.pages ?? 1) > 1) throw badRequest("Animated images can't be profile photos. Upload a still photo.");
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) {
    throw badRequest("That photo has too many pixels. Upload one under 50 megapixels.");
  }
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", pages: 1 })
      .autoOrient()
      .resize(MAX_OUTPUT_SIDE, MAX_OUTPUT_SIDE, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw badRequest(DAMAGED);
  }
}

/**
 * Runs one tiny re-encoding at boot, so that the first real one — often a "Report and leave"
 * from a call, where the member waits on it — doesn't pay for loading libvips and its JPEG
 * codecs (~0.5 s cold on a small machine). Never throws: a warm-up that fails changes nothing.
 */
export async function warmPhotoEncoder(): Promise<void> {
  try {
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888888" } }).jpeg().toBuffer();
    await reencodePhoto(tiny);
  } catch {
    // The first real upload will load it instead.
  }
}
