/**
 * How long ago a call started ringing, in the product's copy: "15s ago", "2m ago", "1h ago".
 * Whole units, rounded down, so the text never runs ahead of the server's clock.
 */
export function timeAgo(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}
