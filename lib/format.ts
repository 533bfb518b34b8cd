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

/** A length as an adjective, in seconds: 60 → "1-minute", 300 → "5-minute", 20 → "20-second". */
export function formatLengthAdjective(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`;
}

/** Whole minutes spent together: 0 → "under a minute", 3 → "3 min". */
export function formatTotalMinutes(minutes: number): string {
  return minutes === 0 ? "under a minute" : `${minutes} min`;
}

/** A wait in whole minutes, rounded up and at least one: 0.2 → "1 minute", 61 → "2 minutes". */
export function formatMinutesLeft(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** A clock counting down: 42 → "0:42", 75.2 → "1:16" (rounded up: zero shows only when time is really up). */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * One formatter per locale and options, made on first use and kept. Made at module load, the
 * four UTC formatters below cost every page that imports this module Chromium's ICU set-up
 * (~30 ms, ~140 ms on Lighthouse's 4× slower phone CPU, in the hydration's long task) though
 * most never format a date; and `formatMemberTime` made up to six per call. The cache is bounded
 * by the time zones there are (a few hundred) times the handful of option sets used here.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

// The admin pages show UTC, so every admin reads the same clock as the audit log and the day
// buckets of the charts.
const utcDateTime = () => dateFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const utcDate = () => dateFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const utcDayMonth = () => dateFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
// Read at UTC midnight in UTC, a date is the same day wherever the server runs.
const calendarDate = () => dateFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "3 Jun 2026, 14:05 UTC"; null → "—". */
export function formatUtcDateTime(iso: string | null): string {
  return iso ? `${utcDateTime().format(new Date(iso))} UTC` : "—";
}

/** "3 Jun 2026"; null → "—". */
export function formatUtcDate(iso: string | null): string {
  return iso ? utcDate().format(new Date(iso)) : "—";
}

/** A chart's UTC day bucket: "2026-06-03" → "3 Jun". */
export function formatUtcDay(day: string): string {
  return utcDayMonth().format(new Date(`${day}T00:00:00Z`));
}

/** A calendar date without a time of day (a birth date): "1990-06-03" → "3 June 1990". */
export function formatCalendarDate(day: string): string {
  return calendarDate().format(new Date(`${day}T00:00:00Z`));
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
  const time = clockTime(date, timeZone);
  const seconds = (nowMs - date.getTime()) / 1000;
  if (style === "relative" && seconds < 3600) return timeAgo(seconds);
  if (style === "relative" && dayKey(date, timeZone) === dayKey(new Date(nowMs), timeZone)) return `today, ${time}`;
  if (style === "relative" && dayKey(date, timeZone) === dayKey(new Date(nowMs - 86_400_000), timeZone)) return `yesterday, ${time}`;
  const day = dateFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone }).format(date);
  return `${day}, ${time}`;
}

/**
 * A time coming up, as the member reads it in `timeZone` (the browser's when omitted): "14:05"
 * when it falls today, else with the weekday, "Thu 08:00".
 */
export function formatUpcomingTime(date: Date, nowMs: number, timeZone?: string): string {
  const time = clockTime(date, timeZone);
  if (dayKey(date, timeZone) === dayKey(new Date(nowMs), timeZone)) return time;
  return `${dateFormat(undefined, { weekday: "short", timeZone }).format(date)} ${time}`;
}

const clockTime = (date: Date, timeZone?: string) => dateFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone }).format(date);

/** The calendar day of `date` in `timeZone`, comparable with ===. */
const dayKey = (date: Date, timeZone?: string) => dateFormat("en-CA", { timeZone }).format(date);
