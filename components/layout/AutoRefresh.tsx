"use client";

import { useAutoRefresh } from "@/lib/events/browser/use-auto-refresh";

/** For server pages: keeps the page current while it is open, pushed or polled (see useAutoRefresh). */
export function AutoRefresh({ everyMs, enabled = true }: { everyMs: number; enabled?: boolean }) {
  useAutoRefresh(everyMs, enabled);
  return null;
}
