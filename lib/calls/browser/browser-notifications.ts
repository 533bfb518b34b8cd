"use client";

import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import type { IncomingCall } from "@/lib/api/client";

export type AlertPermission = NotificationPermission | "unsupported";

const PERMISSION_EVENT = "meetcute:notification-permission-change";

function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function readPermission(): AlertPermission {
  return notificationsSupported() ? Notification.permission : "unsupported";
}

// The hook's snapshot, read once and kept while anyone subscribes: React reads a snapshot on every
// render of every component using the hook, and `Notification.permission` asks the browser each
// time (11–20 ms of a ringing call page's load at 4× CPU, `npm run profile-page`, most of it the
// first read, which stays). Each way the permission can change
// drops it: our own request (PERMISSION_EVENT), the Permissions API's change event, and the page
// becoming visible again (back from the browser's site settings, where that event is missing).
let snapshot: AlertPermission | undefined;
let subscribers = 0;
const permissionSnapshot = (): AlertPermission => (subscribers > 0 ? (snapshot ??= readPermission()) : readPermission());

function subscribeToPermission(onChange: () => void): () => void {
  const changed = () => {
    snapshot = undefined;
    onChange();
  };
  const onVisible = () => {
    if (document.visibilityState === "visible") changed();
  };
  subscribers++;
  window.addEventListener(PERMISSION_EVENT, changed);
  document.addEventListener("visibilitychange", onVisible);
  // Also follow changes made in the browser's site settings, where the Permissions API exists.
  let status: PermissionStatus | null = null;
  let unsubscribed = false;
  navigator.permissions
    ?.query({ name: "notifications" })
    .then((s) => {
      if (unsubscribed) return;
      status = s;
      status.addEventListener("change", changed);
    })
    .catch(() => {});
  return () => {
    unsubscribed = true;
    if (--subscribers === 0) snapshot = undefined;
    window.removeEventListener(PERMISSION_EVENT, changed);
    document.removeEventListener("visibilitychange", onVisible);
    status?.removeEventListener("change", changed);
  };
}

/** The browser's notification permission, and a function asking for it. */
export function useNotificationPermission(): [AlertPermission, () => Promise<void>] {
  const permission = useSyncExternalStore(subscribeToPermission, permissionSnapshot, () => "unsupported" as const);
  const request = useCallback(async () => {
    if (!notificationsSupported()) return;
    await Notification.requestPermission();
    window.dispatchEvent(new Event(PERMISSION_EVENT));
  }, []);
  return [permission, request];
}

/**
 * One browser notification per call that starts ringing while the tab is hidden; clicking it
 * brings the tab forward. Closed once the call stops ringing. Its tag is the one the service
 * worker's Web Push notification uses (`call-<session id>`, public/sw.js), so a member with push
 * on sees one notification per call, not two.
 */
export function useCallBrowserNotifications(calls: readonly IncomingCall[]): void {
  const seen = useRef(new Set<string>());
  const open = useRef(new Map<string, Notification>());

  useEffect(() => {
    const ringing = new Set(calls.map((call) => call.session_id));
    for (const [id, notification] of open.current) {
      if (!ringing.has(id)) {
        notification.close();
        open.current.delete(id);
      }
    }
    for (const call of calls) {
      if (seen.current.has(call.session_id)) continue;
      // A call first seen in a visible tab was seen on its card; don't repeat it later.
      seen.current.add(call.session_id);
      if (!document.hidden || readPermission() !== "granted") continue;
      try {
        const notification = new Notification(
          `${call.is_mutual_match ? "💕" : "📞"} ${call.other_user_name} is calling you`,
          {
            body: `${call.call_type} · Open Meetcute to answer`,
            tag: `call-${call.session_id}`,
            icon: call.other_user_photo_url ?? undefined,
            requireInteraction: true,
          },
        );
        notification.onclick = () => {
          window.focus();
          notification.close();
        };
        open.current.set(call.session_id, notification);
      } catch {
        // Android Chrome only allows notifications from a service worker; the tab still rings.
      }
    }
  }, [calls]);

  useEffect(() => {
    const notifications = open.current;
    return () => {
      for (const notification of notifications.values()) notification.close();
      notifications.clear();
    };
  }, []);
}
