import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { badRequest, notFound } from "@/lib/http/errors";
import { photoUrl } from "@/lib/matches/view";
import { DamagedImageError, detectImageType, stripMetadata, type ImageType } from "@/lib/profile/image-bytes";
import { MAX_PHOTO_BYTES } from "@/lib/profile/limits";

// Profile photos live on disk under UPLOAD_DIR with random names, never the uploader's file
// name; `Profile.photoPath` holds that name and `/api/photos/<name>` serves it to members.

const EXTENSION: Record<ImageType, string> = { jpeg: "jpg", png: "png", webp: "webp" };
const CONTENT_TYPE: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };
/** The only names this module ever writes, so nothing else (e.g. `../`) is ever read. */
const PHOTO_NAME = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

function uploadDir(): string {
  return path.resolve(env().UPLOAD_DIR);
}

/** A file in the upload folder. Not traced into the build: the folder holds data, not code. */
function photoPath(name: string): string {
  return path.join(/* turbopackIgnore: true */ uploadDir(), name);
}

/** Checks, stores and attaches a new profile photo; the previous one is deleted. */
export async function savePhoto(userId: number, bytes: Uint8Array): Promise<{ photoUrl: string }> {
  if (bytes.byteLength === 0) throw badRequest("Choose a photo to upload.");
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw badRequest("That photo is too big. Photos can be at most 5 MB.");
  const type = detectImageType(bytes);
  if (!type) throw badRequest("That file isn't a photo we can use. Upload a JPEG, PNG or WebP image.");
  let clean: Uint8Array;
  try {
    clean = stripMetadata(type, bytes);
  } catch (err) {
    if (err instanceof DamagedImageError) throw badRequest("That photo looks damaged. Try another one.");
    throw err;
  }

  const name = `${randomBytes(16).toString("hex")}.${EXTENSION[type]}`;
  await mkdir(/* turbopackIgnore: true */ uploadDir(), { recursive: true });
  const file = photoPath(name);
  await writeFile(file, clean, { flag: "wx" });

  let previous: string | null;
  try {
    previous = await prisma.$transaction(async (tx) => {
      // Locked, so two uploads at once each learn the right previous photo to delete.
      const rows = await tx.$queryRaw<{ photoPath: string | null }[]>`
        SELECT "photoPath" FROM "Profile" WHERE "userId" = ${userId} FOR UPDATE`;
      if (rows.length === 0) throw notFound("Profile not found.");
      await tx.profile.update({ where: { userId }, data: { photoPath: name } });
      return rows[0].photoPath;
    });
  } catch (err) {
    await unlink(file).catch(() => {});
    throw err;
  }
  if (previous) await deletePhotoFile(previous);
  log.info({ userId, photo: name }, "profile photo replaced");
  return { photoUrl: photoUrl(name)! };
}

/** Detaches and deletes the member's photo (a no-op without one). */
export async function removePhoto(userId: number): Promise<void> {
  const previous = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ photoPath: string | null }[]>`
      SELECT "photoPath" FROM "Profile" WHERE "userId" = ${userId} FOR UPDATE`;
    if (rows.length === 0) throw notFound("Profile not found.");
    if (rows[0].photoPath) await tx.profile.update({ where: { userId }, data: { photoPath: null } });
    return rows[0].photoPath;
  });
  if (previous) await deletePhotoFile(previous);
}

/** A stored photo's bytes and type, or 404 for any name this module didn't write. */
export async function readPhoto(name: string): Promise<{ bytes: Buffer; contentType: string }> {
  if (!PHOTO_NAME.test(name)) throw notFound("Photo not found.");
  try {
    const bytes = await readFile(photoPath(name));
    return { bytes, contentType: CONTENT_TYPE[name.slice(name.lastIndexOf(".") + 1)] };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw notFound("Photo not found.");
    throw err;
  }
}

async function deletePhotoFile(name: string): Promise<void> {
  if (!PHOTO_NAME.test(name)) return;
  await unlink(photoPath(name)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "ENOENT") log.warn({ err, photo: name }, "could not delete an old profile photo");
  });
}
