import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { call, sessionCookie } from "@/test/http";
import { createMember } from "@/test/factories";
import { DELETE, POST } from "./route";
import { GET as getPhoto } from "../../photos/[name]/route";

// Each test file has its own module registry, so this folder is this file's UPLOAD_DIR.
const uploadDir = await vi.hoisted(async () => {
  const [{ mkdtemp }, { tmpdir }, { join }] = await Promise.all([import("node:fs/promises"), import("node:os"), import("node:path")]);
  const dir = await mkdtemp(join(tmpdir(), "meetcute-uploads-"));
  process.env.UPLOAD_DIR = dir;
  return dir;
});
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

// A real 1×1 PNG, and a JPEG whose EXIF carries a GPS position.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const GPS_TEXT = "GPS 38.7223N 9.1393W";
const JPEG = Buffer.from([
  0xff, 0xd8,
  0xff, 0xe1, 0x00, 2 + 6 + GPS_TEXT.length, ...Buffer.from("Exif\0\0"), ...Buffer.from(GPS_TEXT),
  0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0,
  0x12, 0x34, 0xff, 0xd9,
]);

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
const filesOnDisk = () => readdirSync(uploadDir);

async function expectRejected(res: Promise<{ status: number; json: { error: string } }>, message: RegExp, userId: number) {
  const before = filesOnDisk();
  const { status, json } = await res;
  expect(status).toBe(400);
  expect(json.error).toMatch(message);
  expect(filesOnDisk()).toEqual(before);
  const profile = await prisma.profile.findUniqueOrThrow({ where: { userId } });
  return profile;
}

describe("POST /api/profile/photo", () => {

  it("stores a PNG under UPLOAD_DIR with a random name and serves it to signed-in members only", async () => {
    const me = await createMember({ name: "Ana" });
    const other = await createMember({ name: "Bea" });
    const res = await upload(me, new Blob([PNG], { type: "image/png" }));
    expect(res.status).toBe(201);
    const name = photoName(res.json.photoUrl);
    expect(name).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(readFileSync(path.join(uploadDir, name))).toEqual(PNG);
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } })).photoPath).toBe(name);

    const seen = await getPhoto(new NextRequest(`http://localhost/api/photos/${name}`, { headers: { cookie: await sessionCookie(other) } }), { params: Promise.resolve({ name }) });
    expect(seen.status).toBe(200);
    expect(seen.headers.get("content-type")).toBe("image/png");
    expect(seen.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await seen.arrayBuffer())).toEqual(PNG);

    const anonymous = await call(getPhoto, "GET", { params: { name } });
    expect(anonymous.status).toBe(401);
  });

  it("removes the GPS position from a JPEG before storing it", async () => {
    const me = await createMember({ name: "Cy" });
    const res = await upload(me, new Blob([JPEG], { type: "image/jpeg" }));
    expect(res.status).toBe(201);
    const stored = readFileSync(path.join(uploadDir, photoName(res.json.photoUrl)));
    expect(stored.includes(Buffer.from(GPS_TEXT))).toBe(false);
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it("replaces the previous photo and deletes its file", async () => {
    const me = await createMember({ name: "Dee" });
    const first = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    const second = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    expect(second).not.toBe(first);
    expect(filesOnDisk()).toContain(second);
    expect(filesOnDisk()).not.toContain(first);
  });

  it("refuses a file that isn't a JPEG, PNG or WebP, whatever it claims to be, and writes nothing", async () => {
    const me = await createMember({ name: "Eve" });
    await expectRejected(upload(me, new Blob(["<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"], { type: "image/jpeg" })), /JPEG, PNG or WebP/, me.id);
    await expectRejected(upload(me, new Blob([Buffer.from("GIF89a\x01\x00\x01\x00")], { type: "image/gif" })), /JPEG, PNG or WebP/, me.id);
    const profile = await expectRejected(upload(me, new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00])], { type: "image/jpeg" })), /damaged/, me.id);
    expect(profile.photoPath).toBeNull();
  });

  it("refuses a photo over 5 MB and writes nothing", async () => {
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
    const before = filesOnDisk();
    expect((await upload(null, new Blob([PNG]))).status).toBe(401);
    expect(filesOnDisk()).toEqual(before);
  });
});

describe("DELETE /api/profile/photo", () => {
  it("detaches the photo and deletes its file", async () => {
    const me = await createMember({ name: "Hal" });
    const name = photoName((await upload(me, new Blob([PNG]))).json.photoUrl);
    const res = await call(DELETE, "DELETE", { as: me });
    expect(res.status).toBe(200);
    expect(filesOnDisk()).not.toContain(name);
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: me.id } })).photoPath).toBeNull();
  });
});

describe("GET /api/photos/[name]", () => {
  it("answers 404 for names it never wrote, including paths out of the folder", async () => {
    const me = await createMember({ name: "Ivy" });
    for (const name of ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "x.png", `${"0".repeat(32)}.png`, `${"0".repeat(32)}.svg`]) {
      const res = await call(getPhoto, "GET", { as: me, params: { name } });
      expect(res.status).toBe(404);
    }
  });
});
