import "server-only";
import sharp from "sharp";
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { badRequest } from "@/lib/http/http-error";
import { log } from "@/lib/log";
import { PHOTO_CONTENT_TYPE, reencodePhoto } from "@/lib/profile/photo-encoding";
import { MAX_SNAPSHOT_BYTES, SNAPSHOT_RETENTION_DAYS, type SnapshotShownValue } from "@/lib/safety/snapshot-rules";

// A report's snapshot: the last remote frame the reporter's browser showed, sent with a report
// made from the call. It goes through the profile photos' re-encoding (pixels only, ≤ 1024 px)
// before it is stored beside the report, and only admins ever read it (lib/admin/report-snapshot.ts).

export interface SnapshotUpload {
  bytes: Uint8Array;
  shown: SnapshotShownValue;
}

export interface EncodedSnapshot {
  shown: SnapshotShownValue;
  bytes: Buffer;
  width: number;
  height: number;
}

/** Checks and re-encodes an upload, outside any transaction (decoding takes time). */
export async function encodeSnapshot(upload: SnapshotUpload): Promise<EncodedSnapshot> {
  if (upload.bytes.byteLength === 0) throw badRequest("The snapshot is empty.");
  if (upload.bytes.byteLength > MAX_SNAPSHOT_BYTES) throw badRequest("The snapshot is too large.");
  const bytes = await reencodePhoto(upload.bytes);
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  return { shown: upload.shown, bytes, width, height };
}

/** Stores the snapshot with its report, in the report's transaction. */
export async function storeSnapshotInTx(tx: Tx, reportId: number, s: EncodedSnapshot): Promise<void> {
  await tx.reportSnapshot.create({
    data: {
      reportId,
      shown: s.shown,
      contentType: PHOTO_CONTENT_TYPE,
      size: s.bytes.byteLength,
      width: s.width,
      height: s.height,
      bytes: new Uint8Array(s.bytes),
    },
  });
}

/**
 * Deletes every snapshot whose report was resolved 30 days ago or more. Idempotent, so every
 * instance may run it; the admin read refuses an expired one even before this ran.
 */
export async function purgeExpiredSnapshots(at = now()): Promise<number> {
  const cutoff = new Date(at.getTime() - SNAPSHOT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deleted = await prisma.reportSnapshot.deleteMany({ where: { report: { resolvedAt: { lte: cutoff } } } });
  if (deleted.count) log.info({ deleted: deleted.count }, "expired report snapshots deleted");
  return deleted.count;
}

const PURGE_INTERVAL_MS = 60 * 60_000;

/** Runs the purge at start and then hourly; the returned function stops it. */
export function startSnapshotPurge(): () => void {
  const run = () => void purgeExpiredSnapshots().catch((err) => log.error({ err }, "report snapshot purge failed"));
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, PURGE_INTERVAL_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
