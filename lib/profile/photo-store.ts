import "server-only";
import { prisma } from "@/lib/db";

export type StoredPhoto = { bytes: Buffer; contentType: string };

/**
 * Where photo bytes live. It must be readable by every app instance. The default is PostgreSQL
 * (nothing else to run); an S3-compatible bucket would implement the same three calls.
 */
export interface PhotoStore {
  put(photo: { name: string; ownerId: number; contentType: string; bytes: Buffer }): Promise<void>;
  get(name: string): Promise<StoredPhoto | null>;
  delete(name: string): Promise<void>;
}

export const postgresPhotoStore: PhotoStore = {
  async put({ name, ownerId, contentType, bytes }) {
    await prisma.photo.create({ data: { name, ownerId, contentType, size: bytes.byteLength, bytes: new Uint8Array(bytes) } });
  },
  async get(name) {
    const row = await prisma.photo.findUnique({ where: { name }, select: { bytes: true, contentType: true } });
    return row && { bytes: Buffer.from(row.bytes), contentType: row.contentType };
  },
  async delete(name) {
    await prisma.photo.deleteMany({ where: { name } });
  },
};

/** The store in use; swap the implementation here to name another shared store. */
export const photoStore: PhotoStore = postgresPhotoStore;
