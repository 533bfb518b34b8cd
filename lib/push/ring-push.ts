import "server-only";
import webpush from "web-push";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { callTiming } from "@/lib/calls/config";
import { CALL_TYPE_LABEL } from "@/lib/calls/rules";
import { RINGABLE_MATCH_STATUSES } from "@/lib/matches/rules";
import type { CallStatus } from "@/lib/generated/prisma/enums";
import { deliverPush, PushDeliveryError, PUSH_REQUEST_TIMEOUT_MS } from "@/lib/push/delivery";
import { markFailed, markUsed } from "@/lib/push/subscriptions";
import { vapidKeys } from "@/lib/push/vapid";

// Web Push for a ringing call, so it reaches a member whose Meetcute tab is closed: "ring" when a
// call starts ringing for them, "stop" when it stops (answered, declined, cancelled, missed).
// Called after the change has committed and never awaited by a response: a slow push service
// delays nobody, and nothing here throws.

/** What public/sw.js receives (JSON, encrypted for the browser). */
export interface RingPushPayload {
  type: "ring" | "stop";
  sessionId: string;
  callerName: string;
  isMutual: boolean;
  callType: (typeof CALL_TYPE_LABEL)[keyof typeof CALL_TYPE_LABEL];
  /** The call page: Join opens it, and the page answers the call. */
  url: string;
  /** The session's status when sent ("ringing" for a ring; why it stopped for a stop). */
  status: CallStatus;
}

export interface PushReport {
  sent: number;
  /** Subscriptions deleted: the push service said they are gone (404/410), their endpoint breaks
   *  the endpoint rules, or they failed MAX_FAILED_SENDS times in a row. */
  removed: number;
  failed: number;
  /** Why nothing was sent, when nothing was. */
  skipped?: "disabled" | "not_found" | "not_ringing" | "no_devices";
}

export { PUSH_REQUEST_TIMEOUT_MS };

/** A call started ringing for its callee: push it to each of the callee's devices. */
export function sendRingPush(sessionId: string): Promise<PushReport> {
  return send(sessionId, "ring");
}

/** A call stopped ringing (answered, declined, cancelled, missed): close its notification. */
export function sendRingStoppedPush(sessionId: string): Promise<PushReport> {
  return send(sessionId, "stop");
}

async function send(sessionId: string, type: RingPushPayload["type"]): Promise<PushReport> {
  try {
    return await sendOrThrow(sessionId, type);
  } catch (err) {
    log.error({ err, sessionId, type }, "web push failed");
    return { sent: 0, removed: 0, failed: 1 };
  }
}

async function sendOrThrow(sessionId: string, type: RingPushPayload["type"]): Promise<PushReport> {
  const keys = vapidKeys();
  if (!keys) return { sent: 0, removed: 0, failed: 0, skipped: "disabled" };
  const s = await prisma.callSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      status: true,
      kind: true,
      createdAt: true,
      match: { select: { status: true } },
      caller: { select: { bannedAt: true, profile: { select: { displayName: true } } } },
      callee: { select: { pushDevices: { select: { id: true, endpoint: true, p256dh: true, auth: true } } } },
    },
  });
  if (!s) return { sent: 0, removed: 0, failed: 0, skipped: "not_found" };

  const { ringTimeoutSeconds } = callTiming();
  let ttl = ringTimeoutSeconds;
  if (type === "ring") {
    // The same calls the in-page notification lists (incomingCallsFor): still ringing, from a
    // member in good standing, on a live match.
    const ringsFor = ringTimeoutSeconds - Math.floor((now().getTime() - s.createdAt.getTime()) / 1000);
    if (s.status !== "ringing" || s.caller.bannedAt || !RINGABLE_MATCH_STATUSES.includes(s.match.status) || ringsFor <= 0) {
      return { sent: 0, removed: 0, failed: 0, skipped: "not_ringing" };
    }
    // A ring delivered after the call stopped ringing would be a lie: it expires with the call.
    ttl = ringsFor;
  }
  const devices = s.callee.pushDevices;
  if (devices.length === 0) return { sent: 0, removed: 0, failed: 0, skipped: "no_devices" };

  const payload: RingPushPayload = {
    type,
    sessionId: s.id,
    callerName: s.caller.profile?.displayName ?? "Someone",
    isMutual: s.match.status === "matched",
    callType: CALL_TYPE_LABEL[s.kind],
    url: `/call/${s.id}`,
    status: s.status,
  };
  const body = JSON.stringify(payload);
  const options: webpush.RequestOptions = {
    vapidDetails: keys,
    TTL: ttl,
    urgency: "high",
    // One topic per session: a "stop" replaces a "ring" the push service still holds for an
    // offline device. A UUID without dashes is 32 url-safe characters, the most a topic may have.
    topic: s.id.replaceAll("-", ""),
  };

  // web-push builds each request (encryption, VAPID); lib/push/delivery.ts sends it.
  const results = await Promise.allSettled(
    devices.map((d) => {
      const details = webpush.generateRequestDetails({ endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } }, body, options);
      return deliverPush({ endpoint: details.endpoint, method: details.method, headers: details.headers, body: details.body });
    }),
  );
  const used: number[] = [];
  const gone: number[] = [];
  const failing: number[] = [];
  results.forEach((r, i) => {
    const device = devices[i];
    const status = r.status === "fulfilled" ? r.value.status : null;
    if (status !== null && status >= 200 && status < 300) return used.push(device.id);
    if (status === 404 || status === 410) return gone.push(device.id);
    if (r.status === "rejected" && r.reason instanceof PushDeliveryError && r.reason.reason === "bad_endpoint") return gone.push(device.id);
    failing.push(device.id);
    // The endpoint is a bearer address for the device: log its host only.
    const reason = r.status === "rejected" ? (r.reason instanceof PushDeliveryError ? r.reason.message : String(r.reason)) : undefined;
    log.warn({ sessionId, type, status, host: hostOf(device.endpoint), reason }, "push service refused a call alert");
  });
  if (gone.length) await prisma.pushSubscription.deleteMany({ where: { id: { in: gone } } });
  const dropped = await markFailed(failing);
  await markUsed(used);
  return { sent: used.length, removed: gone.length + dropped, failed: failing.length };
}

function hostOf(endpoint: string): string | null {
  return URL.canParse(endpoint) ? new URL(endpoint).host : null;
}
