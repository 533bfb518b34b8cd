"use client";

import { BellIcon } from "@/components/ui/icons";
import { useNotificationPermission } from "@/lib/calls/browser/browser-notifications";

/**
 * Asks for browser notifications so calls reach a hidden tab. Shown only while the browser
 * would still ask; once granted or blocked there is nothing left for it to do.
 */
export function EnableCallAlertsButton({ className = "" }: { className?: string }) {
  const [permission, requestPermission] = useNotificationPermission();
  if (permission !== "default") return null;
  return (
    <button type="button" onClick={() => void requestPermission()} className={`btn-secondary px-3 py-1.5 text-xs ${className}`}>
      <BellIcon className="size-4" /> Enable call alerts
    </button>
  );
}
