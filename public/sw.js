// Meetcute's service worker: call alerts that reach a member whose Meetcute tab is closed.
// The server sends a Web Push message when a call starts ringing for them ("ring") and when it
// stops ringing ("stop"); see lib/push/ring-push.ts for the payload. It does nothing else: no
// caching, no offline pages.

const tagFor = (sessionId) => `call-${sessionId}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A new version takes over at once: there is no cached state for an old one to keep serving.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// Push messages are handled one after another. Chromium's getNotifications() (stopRinging reads
// the notifications of a call) reconciles its notification database with what is on screen, and a
// notification shown while that runs can be dropped from the database: seen 3 times in 40 here.
// The notification then stays on screen, but no later "stop" finds it to take it away.
let handling = Promise.resolve();
self.addEventListener("push", (event) => {
  const handled = handling.then(() => handlePush(event.data));
  // The next push waits for this one, fail or not; the push event still sees this one's outcome.
  handling = handled.catch(() => {});
  event.waitUntil(handled);
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(handleNotificationClick(event.action, event.notification.data));
});

// The push service rotated this browser's subscription: subscribe again and tell the server.
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(resubscribe(event.oldSubscription, event.newSubscription));
});

/**
 * Shows a notification; if the browser refuses it with all its options (an icon that failed to
 * load, an option it doesn't support), shows it again with the essentials only. A push that ends
 * without a notification gets Chrome's generic "updated in the background" banner instead of ours,
 * and Safari revokes a subscription after a few of them.
 */
async function show(title, options) {
  try {
    await self.registration.showNotification(title, options);
  } catch {
    await self.registration.showNotification(title, { body: options.body, tag: options.tag, data: options.data });
  }
}

function readMessage(data) {
  try {
    const msg = data ? data.json() : null;
    if (msg && (msg.type === "ring" || msg.type === "stop") && UUID.test(msg.sessionId)) return msg;
  } catch {
    // Not JSON: handled below like any message we don't understand.
  }
  return null;
}

async function handlePush(data) {
  const msg = readMessage(data);
  if (!msg) {
    // Browsers penalise a push that shows nothing, so even a message we can't read shows something.
    return show("Meetcute", { body: "Open Meetcute to see what's new.", tag: "meetcute", icon: "/icons/icon-192.png" });
  }
  if (msg.type === "ring") return showRing(msg);
  return stopRinging(msg);
}

function showRing(msg) {
  const name = String(msg.callerName || "Someone");
  return show(`${name} is calling you`, {
    body: `${msg.isMutual ? "💕 " : ""}${msg.callType || "Video call"} on Meetcute`,
    tag: tagFor(msg.sessionId),
    // A ring for the same call again (another device joined, a retry) buzzes again.
    renotify: true,
    // A call waits for an answer: it stays until Join, Decline, or a "stop" closes it.
    requireInteraction: true,
    icon: "/icons/icon-192.png",
    badge: "/icons/badge-96.png",
    vibrate: [300, 200, 300, 200, 300],
    actions: [
      { action: "join", title: "Join" },
      { action: "decline", title: "Decline" },
    ],
    data: { sessionId: msg.sessionId, url: `/call/${msg.sessionId}` },
  });
}

/** The call stopped ringing (answered elsewhere, declined, cancelled, missed): take it away. */
async function stopRinging(msg) {
  const shown = await self.registration.getNotifications({ tag: tagFor(msg.sessionId) });
  for (const notification of shown) notification.close();
  // Nobody answered: the ring becomes a quiet "missed call", as on a phone.
  if (msg.status === "missed" && shown.length > 0) {
    await show(`Missed call from ${String(msg.callerName || "someone")}`, {
      body: "Open Meetcute to call back.",
      tag: tagFor(msg.sessionId),
      silent: true,
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
      data: { url: "/dashboard" },
    });
  }
}

/**
 * Join (or a click on the notification) opens the call page, which answers the call by itself;
 * Decline declines through the API. A top-level function, so the journey test can run it in
 * the worker (a notification can't be clicked through the DevTools protocol).
 */
async function handleNotificationClick(action, data) {
  const sessionId = data && UUID.test(data.sessionId) ? data.sessionId : null;
  if (action === "decline" && sessionId) return declineCall(sessionId);
  return openMeetcute(sessionId ? `/call/${sessionId}` : (data && data.url) || "/dashboard");
}

function declineCall(sessionId) {
  // Answered with 409 when the call already stopped ringing, 401 when signed out: either way
  // there is nothing left to do here.
  return fetch(`/api/video/sessions/${sessionId}/decline`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: "{}",
  }).catch(() => {});
}

/** Focuses an open Meetcute tab and takes it to `path`, or opens a new one. */
async function openMeetcute(path) {
  const url = new URL(path, self.location.origin).href;
  const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const tab = tabs.find((c) => c.focused) || tabs.find((c) => c.visibilityState === "visible") || tabs[0];
  if (!tab) return self.clients.openWindow(url);
  // navigate() only works on a tab this worker controls; any other is asked to go there itself.
  const navigated = await tab.navigate(url).catch(() => null);
  if (!navigated) tab.postMessage({ type: "meetcute:navigate", url: path });
  await (navigated || tab).focus().catch(() => {});
  return navigated || tab;
}

async function resubscribe(oldSubscription, newSubscription) {
  let fresh = newSubscription;
  if (!fresh) {
    const res = await fetch("/api/push/public-key", { credentials: "same-origin" });
    const key = res.ok ? (await res.json()).public_key : null;
    if (!key) return;
    fresh = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }
  await fetch("/api/push/subscriptions", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fresh.toJSON()),
  });
  if (oldSubscription && oldSubscription.endpoint !== fresh.endpoint) {
    await fetch("/api/push/subscriptions", {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ endpoint: oldSubscription.endpoint }),
    });
  }
}
