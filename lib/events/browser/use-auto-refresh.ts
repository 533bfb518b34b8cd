"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useMemberEvents, useMemberEventsHealthy } from "@/lib/events/browser/member-events";

/** With the push channel healthy, the timer is only a safety net (see docs/architecture.md, The ring path). */
const HEALTHY_INTERVAL_MS = 20_000;

/**
 * Re-renders the current server page when the push channel says one of the member's matches or
 * calls changed, every `intervalMs` while the tab is visible (every 20 s while the channel is
 * healthy), and at once when the tab becomes visible again — for pages whose state the other
 * member can change.
 */
export function useAutoRefresh(intervalMs: number, enabled = true): void {
  const router = useRouter();
  const streamHealthy = useMemberEventsHealthy();
  const every = streamHealthy ? Math.max(intervalMs, HEALTHY_INTERVAL_MS) : intervalMs;
  const queued = useRef(false);

  useMemberEvents((event) => {
    if (!enabled || event.type === "member.signed_out" || queued.current) return;
    // The stream's first `ready` arrives right after this page was rendered: nothing to re-read.
    if (event.type === "resync" && event.initial) return;
    // One refresh for a burst (a hang-up announces the session and the match together).
    queued.current = true;
    queueMicrotask(() => {
      queued.current = false;
      router.refresh();
    });
  });

  useEffect(() => {
    if (!enabled) return;
    const refreshIfVisible = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    const timer = setInterval(refreshIfVisible, every);
    document.addEventListener("visibilitychange", refreshIfVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refreshIfVisible);
    };
  }, [router, every, enabled]);
}
