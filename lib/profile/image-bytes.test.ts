import { describe, expect, it } from "vitest";
import { DamagedImageError, detectImageType, stripJpegMetadata, stripPngMetadata, stripWebpMetadata } from "@/lib/profile/image-bytes";

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** A little-endian EXIF block with an Orientation tag and a (fake) GPS pointer, as phones write. */
function exif(orientation: number): number[] {
  const entry = (tag: number, type: number, value: number) => [tag & 0xff, tag >> 8, type, 0, 1, 0, 0, 0, value & 0xff, value >> 8, 0, 0];
  const tiff = [...ascii("II"), 0x2a, 0, 8, 0, 0, 0, 2, 0, ...entry(0x0112, 3, orientation), ...entry(0x8825, 4, 38), 0, 0, 0, 0];
  return [...ascii("Exif"), 0, 0, ...tiff, ...ascii("GPS 38.7223N 9.1393W")];
}

const JFIF = segment(0xe0, [...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const QUANT = segment(0xdb, [0, ...Array.from({ length: 64 }, (_, i) => i + 1)]);
const SCAN = [...segment(0xda, [1, 1, 0, 0, 0x3f, 0]), 0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9];

function jpeg(...segments: number[][]): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, ...segments.flat(), ...SCAN]);
}

const contains = (haystack: Uint8Array, needle: number[]) =>
  haystack.some((_, i) => needle.every((b, j) => haystack[i + j] === b));

describe("detectImageType", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(detectImageType(jpeg(JFIF))).toBe("jpeg");
    expect(detectImageType(Uint8Array.from([0x89, ...ascii("PNG"), 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("png");
    expect(detectImageType(Uint8Array.from([...ascii("RIFF"), 1, 2, 3, 4, ...ascii("WEBPVP8 ")]))).toBe("webp");
  });

  it.each([
    ["a GIF", ascii("GIF89a......")],
    ["HTML", ascii("<html><script>alert(1)</script>")],
    ["an SVG", ascii("<svg xmlns='http://www.w3.org/2000/svg'/>")],
    ["a WAV (RIFF but not WebP)", [...ascii("RIFF"), 1, 2, 3, 4, ...ascii("WAVEfmt ")]],
    ["a truncated PNG signature", [0x89, ...ascii("PNG")]],
    ["nothing", []],
  ])("refuses %s", (_, bytes) => {
    expect(detectImageType(Uint8Array.from(bytes))).toBeNull();
  });
});

describe("stripJpegMetadata", () => {
  it("drops EXIF (with its GPS position), XMP, IPTC and comments but keeps the image", () => {
    const original = jpeg(JFIF, segment(0xe1, exif(1)), segment(0xe1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>")), segment(0xed, ascii("Photoshop 3.0")), segment(0xfe, ascii("taken at home")), QUANT);
    const clean = stripJpegMetadata(original);
    expect(Array.from(clean)).toEqual([0xff, 0xd8, ...JFIF, ...QUANT, ...SCAN]);
    expect(contains(clean, ascii("GPS"))).toBe(false);
    expect(contains(clean, ascii("taken at home"))).toBe(false);
  });

  it("keeps a rotated photo's orientation in a minimal EXIF segment", () => {
    const clean = stripJpegMetadata(jpeg(JFIF, segment(0xe1, exif(6)), QUANT));
    expect(contains(clean, ascii("GPS"))).toBe(false);
    const minimal = segment(0xe1, [...ascii("Exif"), 0, 0, ...ascii("MM"), 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(clean)).toEqual([0xff, 0xd8, ...minimal, ...JFIF, ...QUANT, ...SCAN]);
  });

  it("leaves a JPEG without metadata byte for byte as it was", () => {
    const original = jpeg(JFIF, QUANT);
    expect(Array.from(stripJpegMetadata(original))).toEqual(Array.from(original));
  });

  it.each([
    ["cut off inside a segment", Uint8Array.from([0xff, 0xd8, ...JFIF.slice(0, 8)])],
    ["cut off before the scan", Uint8Array.from([0xff, 0xd8, ...JFIF])],
    ["garbage where a marker belongs", Uint8Array.from([0xff, 0xd8, 0x00, 0x11, 0x22, 0x33])],
    ["a segment length below 2", Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0])],
  ])("calls a JPEG %s damaged", (_, bytes) => {
    expect(() => stripJpegMetadata(bytes)).toThrow(DamagedImageError);
  });
});

function pngChunk(type: string, data: number[]): number[] {
  const n = data.length;
  return [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, ...ascii(type), ...data, 1, 2, 3, 4];
}
const PNG_SIGNATURE = [0x89, ...ascii("PNG"), 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const IDAT = pngChunk("IDAT", [0x78, 0x9c, 0x63, 0x00]);
const IEND = pngChunk("IEND", []);

describe("stripPngMetadata", () => {
  it("drops EXIF, text and time chunks and keeps the image chunks", () => {
    const original = Uint8Array.from([...PNG_SIGNATURE, ...IHDR, ...pngChunk("eXIf", ascii("GPS here")), ...pngChunk("tEXt", ascii("Comment\0at home")), ...pngChunk("tIME", [7, 234, 6, 14, 12, 0, 0]), ...IDAT, ...IEND]);
    expect(Array.from(stripPngMetadata(original))).toEqual([...PNG_SIGNATURE, ...IHDR, ...IDAT, ...IEND]);
  });

  it("calls a PNG cut short damaged", () => {
    expect(() => stripPngMetadata(Uint8Array.from([...PNG_SIGNATURE, ...IHDR, ...IDAT]))).toThrow(DamagedImageError);
    expect(() => stripPngMetadata(Uint8Array.from([...PNG_SIGNATURE, ...IHDR.slice(0, 10)]))).toThrow(DamagedImageError);
  });
});

function riffChunk(fourCC: string, data: number[]): number[] {
  const n = data.length;
  return [...ascii(fourCC), n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24, ...data, ...(n % 2 ? [0] : [])];
}
function webp(...chunks: number[][]): Uint8Array {
  const body = chunks.flat();
  const n = body.length + 4;
  return Uint8Array.from([...ascii("RIFF"), n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24, ...ascii("WEBP"), ...body]);
}

describe("stripWebpMetadata", () => {
  const image = riffChunk("VP8 ", [1, 2, 3, 4, 5]);

  it("drops EXIF and XMP chunks, clears their flags and fixes the RIFF size", () => {
    const original = webp(riffChunk("VP8X", [0x0c | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), image, riffChunk("EXIF", ascii("GPS here")), riffChunk("XMP ", ascii("<x/>")));
    expect(Array.from(stripWebpMetadata(original))).toEqual(Array.from(webp(riffChunk("VP8X", [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), image)));
  });

  it("leaves a simple WebP as it was", () => {
    const original = webp(image);
    expect(Array.from(stripWebpMetadata(original))).toEqual(Array.from(original));
  });

  it("calls a WebP whose sizes don't add up damaged", () => {
    const original = webp(image);
    expect(() => stripWebpMetadata(original.subarray(0, original.length - 3))).toThrow(DamagedImageError);
  });
});
