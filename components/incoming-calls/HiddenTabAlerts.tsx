"use client";

import { useCallBrowserNotifications } from "@/lib/incoming-calls/browser-notifications";
import type { PendingCall } from "@/lib/api/client";
import { useRingtone } from "@/lib/incoming-calls/ringtone";
import { useRingtoneMuted } from "@/lib/incoming-calls/ringtone-mute";
import { useTitleFlash } from "@/lib/incoming-calls/use-title-flash";

/**
 * What makes a call noticeable when its card isn't in view: a flashing tab title, a ringtone
 * (unless muted) and, where allowed, a browser notification. Renders nothing.
 */
export function HiddenTabAlerts({ calls }: { calls: readonly PendingCall[] }) {
  const [muted] = useRingtoneMuted();
  const caller = calls[0]?.other_user_name;
  useTitleFlash(caller ? `📞 ${caller} is calling…` : null);
  useRingtone(calls.length > 0 && !muted);
  useCallBrowserNotifications(calls);
  return null;
}
