"use client";

import { useSyncExternalStore } from "react";
import { formatMemberTime } from "@/lib/format";

const noSubscription = () => () => {};

/**
 * A time in the member's own time zone. The server knows neither that zone nor the browser's
 * clock, so the first render (server and hydration alike) shows the UTC date and time, and the
 * browser re-renders it locally at once.
 */
export function LocalTime({ iso, style = "datetime", className }: { iso: string; style?: "datetime" | "relative"; className?: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString()} className={className}>
      {inBrowser ? formatMemberTime(date, style, Date.now()) : formatMemberTime(date, "datetime", Date.now(), "UTC")}
    </time>
  );
}
