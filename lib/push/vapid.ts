import "server-only";
import { randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** The key pair that signs our messages to push services (VAPID, RFC 8292). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** Where development and tests keep their generated pair (git-ignored). */
export const DEV_VAPID_FILE = path.join(process.cwd(), ".data", "vapid.json");
const DEV_SUBJECT = "mailto:push@meetcute.invalid";

const devFileSchema = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });

let cached: VapidKeys | null | undefined;

/**
 * The VAPID keys from configuration. Web Push is optional: production without them has it off
 * (one warning); development and tests generate a pair once and keep it in .data/vapid.json, so
 * a browser's subscription survives a restart.
 */
export function vapidKeys(): VapidKeys | null {
  if (cached !== undefined) return cached;
  const e = env();
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && e.VAPID_SUBJECT) {
    cached = { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT };
  } else if (e.NODE_ENV === "production") {
    log.warn("Web Push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to ring closed tabs");
    cached = null;
  } else {
    cached = { ...devKeyPair(), subject: DEV_SUBJECT };
  }
  return cached;
}

/** Reads .data/vapid.json, creating it first if absent. Safe when several processes race. */
function devKeyPair(): { publicKey: string; privateKey: string } {
  try {
    return devFileSchema.parse(JSON.parse(readFileSync(DEV_VAPID_FILE, "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(DEV_VAPID_FILE), { recursive: true });
  // Written aside, then linked into place: link fails if another process won, and nobody ever
  // reads a half-written file.
  const temp = `${DEV_VAPID_FILE}.${randomUUID()}`;
  writeFileSync(temp, JSON.stringify(webpush.generateVAPIDKeys(), null, 2) + "\n", { mode: 0o600 });
  try {
    linkSync(temp, DEV_VAPID_FILE);
    log.info({ file: DEV_VAPID_FILE }, "generated a development VAPID key pair for Web Push");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(temp);
  }
  return devFileSchema.parse(JSON.parse(readFileSync(DEV_VAPID_FILE, "utf8")));
}
