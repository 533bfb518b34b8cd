import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { transaction } from "@/lib/db/transaction";
import { now } from "@/lib/clock";
import { allowedPushHosts } from "@/lib/push/delivery";
import { normalisePushEndpoint, pushEndpointProblem } from "@/lib/push/endpoint";

/** Devices per member; subscribing one more forgets the one least recently used. */
export const MAX_DEVICES_PER_MEMBER = 10;

function base64urlKey(bytes: number, what: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, `must be base64url (${what})`)
    .refine((v) => Buffer.from(v, "base64url").length === bytes, `must be ${what}`);
}

// The server POSTs to whatever endpoint a member sends: lib/push/endpoint.ts says which it accepts.
const endpointSchema = z
  .string()
  .superRefine((v, ctx) => {
    const problem = pushEndpointProblem(v, allowedPushHosts());
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalisePushEndpoint);

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

/** A device whose sends fail this many times in a row is forgotten, as a 404/410 forgets one. */
export const MAX_FAILED_SENDS = 5;

/** Marks subscriptions the push service just accepted a message for. */
export async function markUsed(ids: number[]): Promise<void> {
  if (ids.length) await prisma.pushSubscription.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: now(), failedSends: 0 } });
}

/** Counts a failed send for each subscription; deletes those at MAX_FAILED_SENDS. Returns how many. */
export async function markFailed(ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  return transaction(async (tx) => {
    await tx.pushSubscription.updateMany({ where: { id: { in: ids } }, data: { failedSends: { increment: 1 } } });
    const { count } = await tx.pushSubscription.deleteMany({ where: { id: { in: ids }, failedSends: { gte: MAX_FAILED_SENDS } } });
    return count;
  });
}
