import { describe, expect, it } from "vitest";
import { DND_INDEFINITELY, dndStatus, dndUntilFor, tomorrowMorning } from "@/lib/profile/do-not-disturb";

describe("tomorrowMorning", () => {
  it("is 8:00 on the next day in the member's own time zone", () => {
    // 22:30 in Lisbon (summer time, UTC+1) on 14 June → 8:00 Lisbon on 15 June = 07:00 UTC.
    expect(tomorrowMorning(new Date("2026-06-14T21:30:00Z"), "Europe/Lisbon").toISOString()).toBe("2026-06-15T07:00:00.000Z");
    // The same instant is already 15 June in Tokyo → 8:00 Tokyo on 16 June.
    expect(tomorrowMorning(new Date("2026-06-14T21:30:00Z"), "Asia/Tokyo").toISOString()).toBe("2026-06-15T23:00:00.000Z");
    // …and still 14 June in Los Angeles (UTC-7).
    expect(tomorrowMorning(new Date("2026-06-14T21:30:00Z"), "America/Los_Angeles").toISOString()).toBe("2026-06-15T15:00:00.000Z");
  });

  it("uses the next day's offset across a daylight-saving change", () => {
    // Evening of 28 March 2026 in Lisbon is UTC+0; on the 29th clocks go forward to UTC+1.
    expect(tomorrowMorning(new Date("2026-03-28T21:00:00Z"), "Europe/Lisbon").toISOString()).toBe("2026-03-29T07:00:00.000Z");
  });

  it("works in UTC and just after midnight", () => {
    expect(tomorrowMorning(new Date("2026-01-01T00:05:00Z"), "UTC").toISOString()).toBe("2026-01-02T08:00:00.000Z");
  });
});

describe("dndUntilFor", () => {
  const at = new Date("2026-06-14T12:00:00Z");

  it("covers each mode", () => {
    expect(dndUntilFor("1h", at, "UTC")?.toISOString()).toBe("2026-06-14T13:00:00.000Z");
    expect(dndUntilFor("until_tomorrow", at, "UTC")?.toISOString()).toBe("2026-06-15T08:00:00.000Z");
    expect(dndUntilFor("until_turned_on", at, "UTC")).toEqual(DND_INDEFINITELY);
    expect(dndUntilFor("off", at, "UTC")).toBeNull();
  });
});

describe("dndStatus", () => {
  const at = new Date("2026-06-14T12:00:00Z");

  it("is off without a date or once the date has passed", () => {
    expect(dndStatus(null, at)).toEqual({ active: false, until: null, indefinite: false });
    expect(dndStatus(new Date("2026-06-14T11:59:59Z"), at)).toEqual({ active: false, until: null, indefinite: false });
    expect(dndStatus(at, at).active).toBe(false);
  });

  it("says until when, or that it lasts until turned back on", () => {
    expect(dndStatus(new Date("2026-06-14T13:00:00Z"), at)).toEqual({ active: true, until: "2026-06-14T13:00:00.000Z", indefinite: false });
    expect(dndStatus(DND_INDEFINITELY, at)).toEqual({ active: true, until: null, indefinite: true });
  });
});
