import { crc32 } from "node:zlib";
import pg from "pg";
import sharp from "sharp";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call, sessionCookie } from "@/test/http";
import { createMember } from "@/test/factories";
import { asSecondInstance } from "@/test/second-instance";
import { DELETE, POST } from "./route";
import { GET as getPhoto } from "../../photos/[name]/route";

// Real image files, crafted to carry what a phone or an attacker might hide in them.
const pixels = (width: number, height: number, format: "jpeg" | "png" | "webp") =>
  sharp({ create: { width, height, channels: 3, background: "#c0392b" } })[format]().toBuffer();

const HOME = "HOME 38.7223N 9.1393W";
const SECOND = "SECOND-IMAGE-GPS 41.1579N 8.6291W";
const TRAILER = "TRAILING-SECRET-BYTES";
/** A JPEG with EXIF (a GPS position and a description), trailing data and an embedded second JPEG with its own EXIF. */
const withExif = (text: string, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: "#2980b9" } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: text }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "38/1 43/1 20/1" } })
    .toBuffer();
const JPEG_WITH_SECRETS = Buffer.concat([await withExif(HOME), Buffer.from(TRAILER), await withExif(SECOND, 16, 16)]);

function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A PNG with a tEXt chunk and an unknown private chunk before IEND. */
const PNG = await pixels(40, 30, "png");
const PNG_TEXT = "Location: 12 Rua Augusta";
const PNG_PRIVATE = "private-chunk-payload";
const PNG_WITH_CHUNKS = Buffer.concat([
  PNG.subarray(0, PNG.length - 12),
  pngChunk("tEXt", Buffer.from(`Comment\0${PNG_TEXT}`, "latin1")),
  pngChunk("prVt", Buffer.from(PNG_PRIVATE)),
  PNG.subarray(PNG.length - 12),
]);
/** A tiny PNG whose header claims 100,000 × 100,000 pixels: a decompression bomb. */
const PIXEL_BOMB = (() => {
  const bomb = Buffer.from(PNG);
  bomb.writeUInt32BE(100_000, 16);
  bomb.writeUInt32BE(100_000, 20);
  bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
  return bomb;
})();

const contains = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text));

/** What a stored photo must be: a JPEG with pixels and nothing else. */
async function expectOnlyPixels(bytes: Buffer, { maxSide = 1024 } = {}) {
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe("jpeg");
  expect(meta.exif).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.comments ?? []).toEqual([]);
  expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(maxSide);
  // Nothing after the end-of-image marker, and only one start-of-image marker.
  expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  expect(bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 1)).toBe(-1);
}

async function upload(as: { id: number } | null, file: Blob | string | null, { field = "photo", contentType }: { field?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (as) headers.cookie = await sessionCookie(as);
  let body: FormData | string;
  if (contentType) {
    headers["content-type"] = contentType;
    body = String(file);
  } else {
    body = new FormData();
    if (file instanceof Blob) body.set(field, file, "me.jpg");
  }
  const res = await POST(new NextRequest("http://localhost/api/profile/photo", { method: "POST", headers, body }), { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json() };
}

const photoName = (url: string) => decodeURIComponent(url.replace("/api/photos/", ""));
const storedPhoto = (name: string) => prisma.photo.findUnique({ where: { name } });

async function expectRejected(res: Promise<{ status: number; json: { error: string } }>, message: RegExp, userId: number) {
  const before = await prisma.photo.count({ where: { ownerId: userId } });
  const { status, json } = await res;
  expect(status).toBe(400);
  expect(json.error).toMatch(message);
  expect(await prisma.photo.count({ where: { ownerId: userId } })).toBe(before);
  const profile = await prisma.profile.findUniqueOrThrow({ where: { userId } });
  return profile;
}

describe("POST /api/profile/photo", () => {
  it("stores a re-encoded JPEG under a random name and serves it to signed-in members only", async () => {
    const me = await createMember({ name: "Ana" });
    const other = await createMember({ name: "Bea" });
    const res = await upload(me, new Blob([PNG], { type: "image/png" }));
    expect(res.status).toBe(201);
    const name = photoName(res.json.photoUrl);
    expect(name).toMatch(/^[0-9a-f]{32}\.jpg$/);
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } })).photoPath).toBe(name);
    const row = await storedPhoto(name);
    expect(row).toMatchObject({ ownerId: me.id, contentType: "image/jpeg", size: row!.bytes.length });

    const seen = await getPhoto(new NextRequest(`http://localhost/api/photos/${name}`, { headers: { cookie: await sessionCookie(other) } }), { params: Promise.resolve({ name }) });
    expect(seen.status).toBe(200);
    expect(seen.headers.get("content-type")).toBe("image/jpeg");
    expect(seen.headers.get("x-content-type-options")).toBe("nosniff");
    expect(seen.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const served = Buffer.from(await seen.arrayBuffer());
    expect(served).toEqual(Buffer.from(row!.bytes));
    await expectOnlyPixels(served);
    expect((await sharp(served).metadata()).width).toBe(40);

    const anonymous = await call(getPhoto, "GET", { params: { name } });
    expect(anonymous.status).toBe(401);
  });

  it("keeps nothing of a JPEG but its pixels: no EXIF/GPS, no trailing data, no embedded second image", async () => {
    const me = await createMember({ name: "Cy" });
    const res = await upload(me, new Blob([JPEG_WITH_SECRETS], { type: "image/jpeg" }));
    expect(res.status).toBe(201);
    const stored = Buffer.from((await storedPhoto(photoName(res.json.photoUrl)))!.bytes);
    for (const secret of [HOME, SECOND, TRAILER, "Exif"]) expect(contains(stored, secret)).toBe(false);
    await expectOnlyPixels(stored);
    expect((await sharp(stored).metadata()).width).toBe(64);
  });

  it("keeps nothing of a PNG's text or unknown chunks", async () => {
    const me = await createMember({ name: "Cat" });
    expect((await sharp(PNG_WITH_CHUNKS).metadata()).width).toBe(40); // the crafted file is a valid PNG
    const res = await upload(me, new Blob([PNG_WITH_CHUNKS], { type: "image/png" }));
    expect(res.status).toBe(201);
    const stored = Buffer.from((await storedPhoto(photoName(res.json.photoUrl)))!.bytes);
    for (const secret of [PNG_TEXT, PNG_PRIVATE, "prVt", "tEXt"]) expect(contains(stored, secret)).toBe(false);
    await expectOnlyPixels(stored);
  });

  it("shrinks a large photo to at most 1024 px on its longest side", async () => {
    const me = await createMember({ name: "Dan" });
    const res = await upload(me, new Blob([await pixels(3000, 1500, "webp")], { type: "image/webp" }));
    expect(res.status).toBe(201);
    const stored = Buffer.from((await storedPhoto(photoName(res.json.photoUrl)))!.bytes);
    await expectOnlyPixels(stored);
    expect(await sharp(stored).metadata()).toMatchObject({ width: 1024, height: 512 });
  });

  it("refuses a pixel bomb, an animated image and a truncated file with 400, storing nothing", async () => {
    const me = await createMember({ name: "Kai" });
    await expectRejected(upload(me, new Blob([PIXEL_BOMB], { type: "image/png" })), /too many pixels/, me.id);
    const frame = (colour: string) => sharp({ create: { width: 8, height: 8, channels: 3, background: colour } }).png().toBuffer();
    const animated = await sharp([await frame("#f00"), await frame("#00f")], { join: { animated: true } }).webp().toBuffer();
    await expectRejected(upload(me, new Blob([animated], { type: "image/webp" })), /Animated/, me.id);
    const jpeg = await pixels(200, 200, "jpeg");
    await expectRejected(upload(me, new Blob([jpeg.subarray(0, jpeg.length / 2)], { type: "image/jpeg" })), /damaged/, me.id);
  });

  it("replaces the previous photo and deletes it", async () => {
    const me = await createMember({ name: "Dee" });
    const first = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    const second = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    expect(second).not.toBe(first);
    expect(await storedPhoto(second)).not.toBeNull();
    expect(await storedPhoto(first)).toBeNull();
  });

  it("refuses a file that isn't a JPEG, PNG or WebP, whatever it claims to be, and stores nothing", async () => {
    const me = await createMember({ name: "Eve" });
    await expectRejected(upload(me, new Blob(["<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"], { type: "image/jpeg" })), /JPEG, PNG or WebP/, me.id);
    await expectRejected(upload(me, new Blob([Buffer.from("GIF89a\x01\x00\x01\x00")], { type: "image/gif" })), /JPEG, PNG or WebP/, me.id);
    const profile = await expectRejected(upload(me, new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])], { type: "image/jpeg" })), /damaged/, me.id);
    expect(profile.photoPath).toBeNull();
  });

  it("refuses a photo over 5 MB and stores nothing", async () => {
    const me = await createMember({ name: "Fay" });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    PNG.copy(big);
    const profile = await expectRejected(upload(me, new Blob([big], { type: "image/png" })), /at most 5 MB/, me.id);
    expect(profile.photoPath).toBeNull();
  });

  it("refuses an empty upload, a missing field and a non-multipart body", async () => {
    const me = await createMember({ name: "Gus" });
    await expectRejected(upload(me, new Blob([])), /Choose a photo/, me.id);
    await expectRejected(upload(me, new Blob([PNG]), { field: "picture" }), /Choose a photo/, me.id);
    await expectRejected(upload(me, "not a form", { contentType: "image/png" }), /multipart/, me.id);
    await expectRejected(upload(me, "--x\r\nbroken", { contentType: "multipart/form-data; boundary=x" }), /malformed/, me.id);
  });

  it("needs a signed-in member", async () => {
    const res = await upload(null, new Blob([PNG]));
    expect(res.status).toBe(401);
    expect(res.json.error).toEqual(expect.any(String));
  });

  it("a photo uploaded through one instance is served by another: the bytes live in PostgreSQL, not on a disk", async () => {
    const me = await createMember({ name: "Ida" });
    const other = await createMember({ name: "Jo" });
    const name = photoName((await upload(me, new Blob([JPEG_WITH_SECRETS], { type: "image/jpeg" }))).json.photoUrl);

    const b = await asSecondInstance(() => import("../../photos/[name]/route"));
    try {
      expect(b.mod.GET).not.toBe(getPhoto);
      const res = await b.mod.GET(new NextRequest(`http://localhost/api/photos/${name}`, { headers: { cookie: await sessionCookie(other) } }), { params: Promise.resolve({ name }) });
      expect(res.status).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      await expectOnlyPixels(served);

      const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query(`SELECT "bytes" FROM "Photo" WHERE "name" = $1`, [name]);
        expect(rows[0].bytes).toEqual(served);
      } finally {
        await db.end();
      }
    } finally {
      await b.close();
    }
  });
});

describe("DELETE /api/profile/photo", () => {
  it("detaches the photo and deletes it", async () => {
    const me = await createMember({ name: "Hal" });
    const name = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    const res = await call(DELETE, "DELETE", { as: me });
    expect(res.status).toBe(200);
    expect(await storedPhoto(name)).toBeNull();
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } })).photoPath).toBeNull();
  });
});

describe("GET /api/photos/[name]", () => {
  it("answers 404 for names it never wrote, including paths out of the folder", async () => {
    const me = await createMember({ name: "Ivy" });
    for (const name of ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "x.png", `${"0".repeat(32)}.jpg`, `${"0".repeat(32)}.svg`]) {
      const res = await call(getPhoto, "GET", { as: me, params: { name } });
      expect(res.status).toBe(404);
    }
  });
});
