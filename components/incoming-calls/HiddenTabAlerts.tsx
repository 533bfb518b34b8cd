"use client";

import { useCallBrowserNotifications } from "@/lib/calls/browser/browser-notifications";
import type { IncomingCall } from "@/lib/api/client";
import { useRingtone } from "@/lib/calls/browser/ringtone";
import { useRingtoneMuted } from "@/lib/calls/browser/ringtone-mute";
import { useTitleFlash } from "@/lib/calls/browser/use-title-flash";

/**
 * What makes a call noticeable when its card isn't in view: a flashing tab title, a ringtone
 * (unless muted) and, where allowed, a browser notification. Renders nothing.
 */
export function HiddenTabAlerts({ calls }: { calls: readonly IncomingCall[] }) {
  const [muted] = useRingtoneMuted();
  const caller = calls[0]?.other_user_name;
  useTitleFlash(caller ? `📞 ${caller} is calling…` : null);
  useRingtone(calls.length > 0 && !muted);
  useCallBrowserNotifications(calls);
  return null;
}
