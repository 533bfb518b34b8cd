"use client";

import { useEffect } from "react";

// Phones dim and lock in the middle of a call: the Screen Wake Lock keeps the screen on while
// `active`. The browser drops the lock whenever the page is hidden, so it is taken again each
// time the page becomes visible, and released when the call ends. Where the API is missing
// (older Safari, Firefox before 126) or refused (low battery), the call simply goes on.

export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || typeof navigator === "undefined" || !("wakeLock" in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const take = async () => {
      if (stopped || document.visibilityState !== "visible" || (lock && !lock.released)) return;
      try {
        const taken = await navigator.wakeLock.request("screen");
        if (stopped) void taken.release();
        else lock = taken;
      } catch {
        // Refused: the screen may dim, nothing else changes.
      }
    };
    const onVisibility = () => void take();
    void take();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisibility);
      if (lock && !lock.released) void lock.release();
      lock = null;
    };
  }, [active]);
}
