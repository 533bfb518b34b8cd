// Byte-level checks on uploaded photos. The browser's file name and Content-Type are claims;
// the first bytes of the file are what an image decoder will actually act on.

export type ImageType = "jpeg" | "png" | "webp";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, expected: number[], at = 0): boolean {
  return bytes.length >= at + expected.length && expected.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type given by the file's magic bytes, or null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  return null;
}

export class DamagedImageError extends Error {
  constructor() {
    super("The image file is damaged.");
    this.name = "DamagedImageError";
  }
}

const APP1 = 0xe1; // Exif and XMP: camera, time and GPS position
const APP13 = 0xed; // Photoshop/IPTC: names, places, captions
const COM = 0xfe; // free-text comments
const SOS = 0xda; // start of scan: compressed pixels follow until the end
const ORIENTATION_TAG = 0x0112;

/**
 * A copy of the image without its metadata, because photos carry the GPS position where they
 * were taken — on a dating site, often the member's home — along with times and device names.
 * Only the container is rewritten; pixels are untouched. Throws DamagedImageError when the
 * container's structure doesn't hold together.
 */
export function stripMetadata(type: ImageType, bytes: Uint8Array): Uint8Array {
  switch (type) {
    case "jpeg":
      return stripJpegMetadata(bytes);
    case "png":
      return stripPngMetadata(bytes);
    case "webp":
      return stripWebpMetadata(bytes);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** JPEG: drops Exif/XMP, IPTC and comment segments, keeping the EXIF orientation (see below). */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | null = null;
  let i = 2;
  for (;;) {
    if (i + 4 > bytes.length || bytes[i] !== 0xff) throw new DamagedImageError();
    const marker = bytes[i + 1];
    // Fill bytes (0xFF 0xFF…) may pad between segments.
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2 || i + 2 + length > bytes.length) throw new DamagedImageError();
    const segment = bytes.subarray(i, i + 2 + length);
    if (marker === SOS) {
      kept.push(bytes.subarray(i));
      break;
    }
    if (marker === APP1) orientation ??= exifOrientation(segment.subarray(4));
    if (marker !== APP1 && marker !== APP13 && marker !== COM) kept.push(segment);
    i += 2 + length;
  }
  // Phones store a portrait photo sideways plus this tag; without it the photo shows sideways.
  if (orientation !== null && orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  return concat(kept);
}

const PNG_TEXT_CHUNKS = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

/** PNG: drops the EXIF, text and timestamp chunks (whole chunks, so no CRC changes). */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  for (;;) {
    if (i + 12 > bytes.length) throw new DamagedImageError();
    const length = view.getUint32(i);
    const end = i + 12 + length;
    if (end > bytes.length) throw new DamagedImageError();
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    if (!PNG_TEXT_CHUNKS.has(type)) kept.push(bytes.subarray(i, end));
    i = end;
    if (type === "IEND") break;
  }
  return concat(kept);
}

const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

/** WebP: drops the EXIF and XMP chunks and clears their flags, fixing up the RIFF size. */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || 8 + view.getUint32(4, true) > bytes.length) throw new DamagedImageError();
  const riffEnd = 8 + view.getUint32(4, true);
  const kept: Uint8Array[] = [];
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) throw new DamagedImageError();
    const fourCC = String.fromCharCode(...bytes.subarray(i, i + 4));
    const size = view.getUint32(i + 4, true);
    const end = i + 8 + size + (size % 2);
    if (i + 8 + size > riffEnd) throw new DamagedImageError();
    if (fourCC === "VP8X" && size >= 1) {
      const chunk = bytes.slice(i, Math.min(end, riffEnd));
      chunk[8] &= ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(chunk);
    } else if (fourCC !== "EXIF" && fourCC !== "XMP ") {
      kept.push(bytes.subarray(i, Math.min(end, riffEnd)));
    }
    i = end;
  }
  const body = concat(kept);
  const header = Uint8Array.from([...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBP")]);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** The Orientation (1–8) in an APP1 payload that is EXIF, or null. */
function exifOrientation(payload: Uint8Array): number | null {
  if (!startsWith(payload, [...ascii("Exif"), 0, 0])) return null;
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const entries = view.getUint16(ifd, little);
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + e * 12;
    if (at + 12 > tiff.length) return null;
    if (view.getUint16(at, little) === ORIENTATION_TAG) {
      const value = view.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding an EXIF block with the Orientation tag and nothing else. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    ...ascii("MM"), 0x00, 0x2a, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, orientation, 0, 0, // Orientation, SHORT, count 1
    0, 0, 0, 0, // no next IFD
  ];
  const payload = [...ascii("Exif"), 0, 0, ...tiff];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...payload]);
}
