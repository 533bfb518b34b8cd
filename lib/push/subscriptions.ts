import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { env } from "@/lib/env";
import { now } from "@/lib/clock";

/** Devices per member; subscribing one more forgets the one least recently used. */
export const MAX_DEVICES_PER_MEMBER = 10;

// The push services of the browsers that support Web Push (Chrome, Edge, Firefox, Safari and the
// Chromium family, which all use FCM). The server POSTs to whatever endpoint a member sends, so
// it only accepts these hosts (and PUSH_SERVICE_HOSTS): no requests to arbitrary addresses.
const PUSH_SERVICE_HOSTS = ["fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

function allowedHosts(): string[] {
  const extra = env().PUSH_SERVICE_HOSTS?.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean) ?? [];
  return [...PUSH_SERVICE_HOSTS, ...extra];
}

function isPushServiceUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const host = new URL(value).hostname.toLowerCase();
  return allowedHosts().some((h) => host === h || host.endsWith(`.${h}`));
}

function base64urlKey(bytes: number, what: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, `must be base64url (${what})`)
    .refine((v) => Buffer.from(v, "base64url").length === bytes, `must be ${what}`);
}

const endpointSchema = z
  .string()
  .max(2048, "is too long")
  .url("must be a URL")
  .refine((v) => v.startsWith("https://"), "must be an https URL")
  .refine(isPushServiceUrl, "is not a known push service");

/** A browser's `PushSubscription.toJSON()`. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: endpointSchema,
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: base64urlKey(65, "an uncompressed P-256 public key").refine((v) => Buffer.from(v, "base64url")[0] === 0x04, "must be an uncompressed P-256 public key"),
    auth: base64urlKey(16, "a 16-byte auth secret"),
  }),
});

export const unsubscribeSchema = z.strictObject({ endpoint: z.string().min(1).max(2048) });

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/**
 * Stores a member's browser subscription (upsert by endpoint). An endpoint already stored for
 * another member moves to this one: the browser is now signed in as them, and alerts follow the
 * person using it.
 */
export async function subscribe(userId: number, input: PushSubscriptionInput, userAgent: string | null): Promise<void> {
  const data = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: userAgent?.slice(0, 255) ?? null };
  await transaction(async (tx) => {
    await tx.pushSubscription.upsert({ where: { endpoint: input.endpoint }, create: { endpoint: input.endpoint, ...data }, update: data });
    // The device subscribing now is kept; of the others, the least recently used go.
    const stale = await tx.pushSubscription.findMany({
      where: { userId, endpoint: { not: input.endpoint } },
      orderBy: [{ lastUsedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
      skip: MAX_DEVICES_PER_MEMBER - 1,
      select: { id: true },
    });
    if (stale.length) await tx.pushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
}

/** Forgets a member's browser subscription. Someone else's endpoint is left alone. */
export async function unsubscribe(userId: number, endpoint: string): Promise<void> {
  await prisma.pushSubscription.deleteMany({ where: { userId, endpoint } });
}

/** Marks subscriptions the push service just accepted a message for. */
export async function markUsed(ids: number[]): Promise<void> {
  if (ids.length) await prisma.pushSubscription.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: now() } });
}
