// Every way the app writes a time or a duration, one output per concept (server and browser).

/**
 * How long ago something happened, from its age in seconds: "15s ago", "2m ago", "1h ago",
 * "3d ago" (the incoming-call card's copy in PRODUCT.md). Whole units, rounded down, so the text
 * never runs ahead of the server's clock.
 */
export function timeAgo(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** Seconds from an ISO time to `nowMs`. */
export function secondsSince(iso: string, nowMs: number): number {
  return (nowMs - new Date(iso).getTime()) / 1000;
}

/** How long something lasted: 0 → "0s", 75 → "1m 15s", 3725 → "1h 2m"; null → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** A clock counting down: 42 → "0:42", 75.2 → "1:16" (rounded up: zero shows only when time is really up). */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// The admin pages show UTC, so every admin reads the same clock as the audit log and the day
// buckets of the charts.
const utcDateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const utcDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "3 Jun 2026, 14:05 UTC"; null → "—". */
export function formatUtcDateTime(iso: string | null): string {
  return iso ? `${utcDateTime.format(new Date(iso))} UTC` : "—";
}

/** "3 Jun 2026"; null → "—". */
export function formatUtcDate(iso: string | null): string {
  return iso ? utcDate.format(new Date(iso)) : "—";
}

/** 0.42 → "42%"; null → "—". */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

/**
 * A time as the member reads it, in `timeZone` (the browser's when omitted):
 * - "datetime": "Wed 3 Jun, 14:05";
 * - "relative": `timeAgo` within the hour, then "today, 14:05", "yesterday, 14:05", or the datetime.
 */
export function formatMemberTime(date: Date, style: "datetime" | "relative", nowMs: number, timeZone?: string): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone }).format(date);
  const seconds = (nowMs - date.getTime()) / 1000;
  if (style === "relative" && seconds < 3600) return timeAgo(seconds);
  const dayKey = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(d);
  if (style === "relative" && dayKey(date) === dayKey(new Date(nowMs))) return `today, ${time}`;
  if (style === "relative" && dayKey(date) === dayKey(new Date(nowMs - 86_400_000))) return `yesterday, ${time}`;
  const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone }).format(date);
  return `${day}, ${time}`;
}
