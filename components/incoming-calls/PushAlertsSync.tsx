"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { z } from "zod";
import { lazy } from "@/lib/lazy";
import { syncPushAlerts } from "@/lib/push/browser/push-alerts";

const navigateSchema = lazy(() => z.object({ type: z.literal("meetcute:navigate"), url: z.string().startsWith("/") }));

/**
 * Mounted on every member page: keeps the server's copy of this browser's push subscription
 * current, and follows the service worker when a notification's Join asks an open tab it does
 * not control to go to the call.
 */
export function PushAlertsSync() {
  const router = useRouter();
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    syncPushAlerts().catch(() => {});
    const onMessage = (event: MessageEvent) => {
      const msg = navigateSchema().safeParse(event.data);
      if (msg.success) router.push(msg.data.url);
    };
    navigator.serviceWorker.addEventListener("message", onMessage);
    return () => navigator.serviceWorker.removeEventListener("message", onMessage);
  }, [router]);
  return null;
}
