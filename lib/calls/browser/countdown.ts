// The countdown to a first call's end, on the server's clock. The end is the server's `ends_at`:
// the cap, moved later when the server saw the media down (lib/calls/time-rules.ts), so the
// countdown follows each check-in's answer and both screens show the same end.

/** How often the countdown redraws: four times a second keeps the seconds digit on time. */
export const COUNTDOWN_TICK_MS = 250;
/** At or under this many seconds the countdown turns red. */
export const COUNTDOWN_URGENT_SECONDS = 10;

/** Seconds left before `endsAt` (ISO, server time), read at our `now` with the server's clock `offset`; null without an end. */
export function secondsLeft(endsAt: string | null, now: number, offset: number): number | null {
  if (endsAt === null) return null;
  return (Date.parse(endsAt) - (now + offset)) / 1000;
}

/** The countdown reached zero: the page hangs up (the server ends the call at the same moment anyway). */
export function countdownDone(remaining: number | null): boolean {
  return remaining !== null && remaining <= 0;
}

export function countdownUrgent(remaining: number | null): boolean {
  return remaining !== null && remaining <= COUNTDOWN_URGENT_SECONDS;
}
