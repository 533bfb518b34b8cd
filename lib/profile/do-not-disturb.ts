import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { notFound } from "@/lib/http/http-error";

// Do not disturb: while User.dndUntil is in the future nobody can ring the member — startCall
// answers 409 `do_not_disturb` and creates no session. "Until turned back on" is a date so far
// ahead that one rule (dndUntil > now) covers every mode.

export const DND_INDEFINITELY = new Date("9999-12-31T00:00:00.000Z");
/** "Until tomorrow" means until this hour (local time) of the next day. */
export const TOMORROW_HOUR = 8;

export const DND_MODES = ["1h", "until_tomorrow", "until_turned_on", "off"] as const;
export type DndMode = (typeof DND_MODES)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const doNotDisturbSchema = z
  .object({
    mode: z.enum(DND_MODES, { message: `mode must be one of ${DND_MODES.join(", ")}` }),
    // The member's IANA zone (the browser's), so "tomorrow morning" is their morning.
    time_zone: z.string().max(64).refine(isTimeZone, "time_zone must be an IANA time zone such as Europe/Lisbon").default("UTC"),
  })
  .strict();

export type DoNotDisturbInput = z.infer<typeof doNotDisturbSchema>;

export interface DoNotDisturbStatus {
  active: boolean;
  /** ISO time calls come back on; null when they are on, or off until turned back on. */
  until: string | null;
  indefinite: boolean;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wallAsUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** TOMORROW_HOUR:00 on the calendar day after `at`, in `timeZone`. */
export function tomorrowMorning(at: Date, timeZone: string): Date {
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, TOMORROW_HOUR);
  // The offset at the target itself, which differs from today's across a DST change.
  const guess = wall - zoneOffsetMs(at, timeZone);
  return new Date(wall - zoneOffsetMs(new Date(guess), timeZone));
}

export function dndUntilFor(mode: DndMode, at: Date, timeZone: string): Date | null {
  switch (mode) {
    case "1h":
      return new Date(at.getTime() + 60 * 60 * 1000);
    case "until_tomorrow":
      return tomorrowMorning(at, timeZone);
    case "until_turned_on":
      return DND_INDEFINITELY;
    case "off":
      return null;
  }
}

export function dndStatus(dndUntil: Date | null, at: Date): DoNotDisturbStatus {
  if (!dndUntil || dndUntil <= at) return { active: false, until: null, indefinite: false };
  const indefinite = dndUntil >= DND_INDEFINITELY;
  return { active: true, until: indefinite ? null : dndUntil.toISOString(), indefinite };
}

export async function doNotDisturbFor(userId: number): Promise<DoNotDisturbStatus> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { dndUntil: true } });
  if (!user) throw notFound("Member not found.");
  return dndStatus(user.dndUntil, now());
}

export async function setDoNotDisturb(userId: number, { mode, time_zone }: DoNotDisturbInput): Promise<DoNotDisturbStatus> {
  const at = now();
  const dndUntil = dndUntilFor(mode, at, time_zone);
  await prisma.user.update({ where: { id: userId }, data: { dndUntil } });
  log.info({ userId, mode, dndUntil }, "do not disturb changed");
  return dndStatus(dndUntil, at);
}
