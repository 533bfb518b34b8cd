import { describe, expect, it, vi } from "vitest";
import {
  formatCalendarDate,
  formatCountdown,
  formatDuration,
  formatLengthAdjective,
  formatMemberTime,
  formatMinutesLeft,
  formatTotalMinutes,
  formatUpcomingTime,
  formatUtcDay,
  timeAgo,
} from "@/lib/format";

describe("timeAgo", () => {
  it.each([
    [0, "0s ago"],
    [5, "5s ago"],
    [15, "15s ago"],
    [59, "59s ago"],
    [60, "1m ago"],
    [119, "1m ago"],
    [120, "2m ago"],
    [3599, "59m ago"],
    [3600, "1h ago"],
    [7300, "2h ago"],
    [86_399, "23h ago"],
    [86_400 * 3, "3d ago"],
  ])("%ss → %s", (seconds, text) => {
    expect(timeAgo(seconds)).toBe(text);
  });

  it("rounds fractions down", () => {
    expect(timeAgo(14.9)).toBe("14s ago");
  });

  it("treats clock skew and garbage as just started", () => {
    expect(timeAgo(-3)).toBe("0s ago");
    expect(timeAgo(Number.NaN)).toBe("0s ago");
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [0, "0s"],
    [44.6, "45s"],
    [75, "1m 15s"],
    [3725, "1h 2m"],
  ])("%s → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("formatCountdown", () => {
  it("shows whole seconds left, rounded up, never below zero", () => {
    expect(formatCountdown(60)).toBe("1:00");
    expect(formatCountdown(42)).toBe("0:42");
    expect(formatCountdown(41.2)).toBe("0:42");
    expect(formatCountdown(0.1)).toBe("0:01");
    expect(formatCountdown(0)).toBe("0:00");
    expect(formatCountdown(-3)).toBe("0:00");
  });
});

describe("formatMemberTime", () => {
  const now = Date.parse("2026-06-03T15:00:00Z");
  it("is timeAgo within the hour, then today/yesterday, then the date", () => {
    expect(formatMemberTime(new Date(now - 12_000), "relative", now, "UTC")).toBe("12s ago");
    expect(formatMemberTime(new Date(now - 25 * 60_000), "relative", now, "UTC")).toBe("25m ago");
    expect(formatMemberTime(new Date("2026-06-03T09:30:00Z"), "relative", now, "UTC")).toMatch(/^today, 09:30/);
    expect(formatMemberTime(new Date("2026-06-02T09:30:00Z"), "relative", now, "UTC")).toMatch(/^yesterday, 09:30/);
    expect(formatMemberTime(new Date("2026-05-20T09:30:00Z"), "relative", now, "UTC")).toMatch(/20.*, 09:30/);
  });
});

describe("formatUpcomingTime", () => {
  const now = Date.parse("2026-06-03T15:00:00Z"); // a Wednesday
  it("is the clock time today, with the weekday on another day, in the member's zone", () => {
    expect(formatUpcomingTime(new Date("2026-06-03T16:05:00Z"), now, "UTC")).toMatch(/^16:05|^04:05 PM/);
    expect(formatUpcomingTime(new Date("2026-06-04T08:00:00Z"), now, "UTC")).toMatch(/^Thu (08:00|08:00 AM)$/);
    // Thursday 05:00 UTC is still Wednesday 22:00 in Los Angeles, where it is now 08:00.
    expect(formatUpcomingTime(new Date("2026-06-04T05:00:00Z"), now, "UTC")).toMatch(/^Thu 05:00/);
    expect(formatUpcomingTime(new Date("2026-06-04T05:00:00Z"), now, "America/Los_Angeles")).toMatch(/^(22:00|10:00 PM)$/);
  });
});

describe("lengths and waits", () => {
  it.each([
    [60, "1-minute"],
    [300, "5-minute"],
    [20, "20-second"],
    [90, "90-second"],
  ])("formatLengthAdjective(%s) → %s", (seconds, text) => {
    expect(formatLengthAdjective(seconds)).toBe(text);
  });

  it.each([
    [0, "under a minute"],
    [1, "1 min"],
    [42, "42 min"],
  ])("formatTotalMinutes(%s) → %s", (minutes, text) => {
    expect(formatTotalMinutes(minutes)).toBe(text);
  });

  it.each([
    [0, "1 minute"],
    [12, "1 minute"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [3600, "60 minutes"],
  ])("formatMinutesLeft(%s) → %s: rounded up, at least one", (seconds, text) => {
    expect(formatMinutesLeft(seconds)).toBe(text);
  });
});

describe("dates", () => {
  it("a chart's UTC day and a calendar date read the same wherever the server runs", () => {
    expect(formatUtcDay("2026-06-03")).toBe("3 Jun");
    expect(formatCalendarDate("1990-06-03")).toBe("3 June 1990");
    expect(formatCalendarDate("2000-01-01")).toBe("1 January 2000");
  });
});

describe("date formatters", () => {
  it("are made on first use, not at import (ICU's set-up is ~140 ms of a phone's hydration), and made once per locale and options", async () => {
    vi.resetModules();
    const Real = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    } as typeof Real;
    try {
      const format = await import("@/lib/format");
      expect(made).toBe(0);
      const now = Date.parse("2026-06-03T14:05:00Z");
      for (let i = 0; i < 3; i++) {
        format.formatMemberTime(new Date(now - 2 * 86_400_000), "relative", now, "Europe/Paris");
        format.formatUtcDateTime("2026-06-03T14:05:00Z");
      }
      // formatMemberTime: the clock, the day key and the weekday formats; formatUtcDateTime: one.
      expect(made).toBe(4);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
