import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { afterCommit, transaction } from "@/lib/db/transaction";
import { publishEvent } from "@/lib/events/publish";
import { log } from "@/lib/log";
import { badRequest, notFound } from "@/lib/http/http-error";
import { photoUrl } from "@/lib/profile/photo-url";
import { PHOTO_CONTENT_TYPE, reencodePhoto } from "@/lib/profile/photo-encoding";
import { photoStore, type StoredPhoto } from "@/lib/profile/photo-store";
import { MAX_PHOTO_BYTES } from "@/lib/profile/limits";

// Profile photos are re-encoded (pixels only) and kept in the photo store under random names,
// never the uploader's file name; `Profile.photoPath` holds that name and `/api/photos/<name>`
// serves it to members.

/** The only names this module ever writes, so nothing else is ever looked up. */
const PHOTO_NAME = /^[0-9a-f]{32}\.jpg$/;

/** Checks, re-encodes, stores and attaches a new profile photo; the previous one is deleted. */
export async function savePhoto(userId: number, bytes: Uint8Array): Promise<{ photoUrl: string }> {
  if (bytes.byteLength === 0) throw badRequest("Choose a photo to upload.");
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw badRequest("That photo is too big. Photos can be at most 5 MB.");
  const clean = await reencodePhoto(bytes);

  const name = `${randomBytes(16).toString("hex")}.jpg`;
  await photoStore.put({ name, ownerId: userId, contentType: PHOTO_CONTENT_TYPE, bytes: clean });
  try {
    await transaction(async (tx) => {
      // Locked, so two uploads at once each learn the right previous photo to delete.
      const previous = await lockPhotoPath(tx, userId);
      await tx.profile.update({ where: { userId }, data: { photoPath: name } });
      // Every instance's cached copy of this member (lib/auth/signed-in-member-cache.ts) is now stale.
      await publishEvent(tx, { type: "member.changed", userIds: [userId] });
      if (previous) afterCommit(tx, "delete the replaced photo", () => deleteStoredPhoto(previous));
    });
  } catch (err) {
    await photoStore.delete(name).catch(() => {});
    throw err;
  }
  log.info({ userId, photo: name }, "profile photo replaced");
  return { photoUrl: photoUrl(name)! };
}

/** Detaches and deletes the member's photo (a no-op without one). */
export async function removePhoto(userId: number): Promise<void> {
  await transaction(async (tx) => {
    const previous = await lockPhotoPath(tx, userId);
    if (!previous) return;
    await tx.profile.update({ where: { userId }, data: { photoPath: null } });
    await publishEvent(tx, { type: "member.changed", userIds: [userId] });
    afterCommit(tx, "delete the removed photo", () => deleteStoredPhoto(previous));
  });
}

/** The member's current photo name, with their profile row locked; 404 without a profile. */
async function lockPhotoPath(tx: Tx, userId: number): Promise<string | null> {
  const rows = await tx.$queryRaw<{ photoPath: string | null }[]>`
    SELECT "photoPath" FROM "Profile" WHERE "userId" = ${userId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("Profile not found.");
  return rows[0].photoPath;
}

/** A stored photo's bytes and type, or 404 for any name this module didn't write. */
export async function readPhoto(name: string): Promise<StoredPhoto> {
  const photo = PHOTO_NAME.test(name) ? await photoStore.get(name) : null;
  if (!photo) throw notFound("Photo not found.");
  return photo;
}

async function deleteStoredPhoto(name: string): Promise<void> {
  await photoStore.delete(name).catch((err) => log.warn({ err, photo: name }, "could not delete an old profile photo"));
}
