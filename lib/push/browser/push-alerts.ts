import { deletePushSubscription, fetchPushPublicKey, savePushSubscription } from "@/lib/api/client";

// Browser side of Web Push call alerts: the service worker (public/sw.js), the notification
// permission, the browser's push subscription, and our /api/push endpoints. Every function here
// runs in the browser only.

export const SERVICE_WORKER_URL = "/sw.js";

/**
 * Where this browser stands:
 * - "on": subscribed, and allowed to show notifications;
 * - "off": could be turned on;
 * - "blocked": the member (or the browser) said no to notifications for this site;
 * - "ios-install": iPhone/iPad Safari outside an installed web app, where iOS has no Web Push;
 * - "unsupported": no service workers or Push API here;
 * - "unavailable": this server has Web Push off (no VAPID keys).
 */
export type PushAlertsState = "on" | "off" | "blocked" | "ios-install" | "unsupported" | "unavailable";

function isIos(): boolean {
  // iPadOS presents itself as a Mac; touch points tell them apart.
  return /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
}

function isInstalledApp(): boolean {
  return window.matchMedia?.("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** What the opt-in should show (reads the browser only, no request to the server). */
export async function pushAlertsState(): Promise<PushAlertsState> {
  if (!pushSupported()) return isIos() && !isInstalledApp() ? "ios-install" : "unsupported";
  if (Notification.permission === "denied") return "blocked";
  const subscription = await currentSubscription();
  return subscription && Notification.permission === "granted" ? "on" : "off";
}

function sameKey(subscription: PushSubscription, publicKey: string): boolean {
  const key = subscription.options.applicationServerKey;
  if (!key) return false;
  return btoa(String.fromCharCode(...new Uint8Array(key))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") === publicKey;
}

/**
 * Turns call alerts on for this browser: asks for notification permission (call it straight from
 * a click, before anything else awaits, or Safari refuses to ask), registers the service worker,
 * subscribes with our VAPID key and stores the subscription on the server.
 */
export async function enablePushAlerts(): Promise<PushAlertsState> {
  if (!pushSupported()) return pushAlertsState();
  const permission = await Notification.requestPermission();
  // The header's "Enable call alerts" button follows the same permission.
  window.dispatchEvent(new Event("meetcute:notification-permission-change"));
  if (permission === "denied") return "blocked";
  if (permission !== "granted") return "off";
  const publicKey = await fetchPushPublicKey();
  if (!publicKey) return "unavailable";
  const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/" });
  await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // Made with another server key (keys were rotated): it can't receive our messages.
  if (subscription && !sameKey(subscription, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
  try {
    await savePushSubscription(subscription.toJSON());
  } catch (err) {
    // Not stored, so never used: don't leave a subscription that looks "on" here.
    await subscription.unsubscribe().catch(() => {});
    throw err;
  }
  return "on";
}

/** Turns call alerts off for this browser: forgotten by the server, then unsubscribed. */
export async function disablePushAlerts(): Promise<PushAlertsState> {
  if (!pushSupported()) return pushAlertsState();
  const subscription = await currentSubscription();
  if (subscription) {
    await deletePushSubscription(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return pushAlertsState();
}

const SYNCED_KEY = "meetcute:push-synced";

/**
 * Once per browser session, tells the server about this browser's subscription again: it may
 * have been deleted (the push service said gone), the keys may have been rotated, or another
 * member may now be signed in here.
 */
export async function syncPushAlerts(): Promise<void> {
  if (!pushSupported() || Notification.permission !== "granted" || sessionStorage.getItem(SYNCED_KEY)) return;
  const subscription = await currentSubscription();
  if (!subscription) return;
  sessionStorage.setItem(SYNCED_KEY, "1");
  const publicKey = await fetchPushPublicKey();
  if (!publicKey) return;
  if (sameKey(subscription, publicKey)) await savePushSubscription(subscription.toJSON());
  else await enablePushAlerts();
}

/** Signing out: this browser stops getting someone's call alerts. Never throws. */
export async function forgetPushAlertsOnSignOut(): Promise<void> {
  if (!pushSupported()) return;
  sessionStorage.removeItem(SYNCED_KEY);
  await disablePushAlerts().catch(() => {});
}
