"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

type Style = "datetime" | "relative";

function format(date: Date, style: Style, timeZone?: string): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone }).format(date);
  if (style === "datetime") {
    const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone }).format(date);
    return `${day}, ${time}`;
  }
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  const dayKey = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(d);
  if (dayKey(date) === dayKey(new Date())) return `today, ${time}`;
  if (dayKey(date) === dayKey(new Date(Date.now() - 86_400_000))) return `yesterday, ${time}`;
  return format(date, "datetime", timeZone);
}

/**
 * A time in the member's own time zone. The server knows neither that zone nor the browser's
 * clock, so the first render (server and hydration alike) shows the UTC date and time, and the
 * browser re-renders it locally at once.
 */
export function LocalTime({ iso, style = "datetime", className }: { iso: string; style?: Style; className?: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString()} className={className}>
      {inBrowser ? format(date, style) : format(date, "datetime", "UTC")}
    </time>
  );
}
