import { describe, expect, it } from "vitest";
import { maskedNetwork, roughPlace, validTimeZone, zoneLabel } from "@/lib/auth/sign-in-place";

describe("validTimeZone", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    // ICU gives its own spelling of a zone with aliases.
    ["America/Argentina/Buenos_Aires", "America/Buenos_Aires"],
    ["UTC", "UTC"],
    ["Etc/GMT+5", "Etc/GMT+5"],
  ])("keeps a zone the runtime knows: %s", (raw, zone) => expect(validTimeZone(raw)).toBe(zone));

  it.each([
    ["Mars/Olympus_Mons"],
    ["Europe/Berlin<script>"],
    ["../../etc/passwd"],
    ["Europe/Berlin\u0000"],
    ["a".repeat(65)],
    [""],
    [42],
    [null],
    [undefined],
  ])("refuses %j", (raw) => expect(validTimeZone(raw)).toBeNull());
});

describe("maskedNetwork", () => {
  it.each([
    ["203.0.113.77", "203.0.113.0/24"],
    ["::ffff:203.0.113.77", "203.0.113.0/24"],
    ["2001:db8:1234:5678:9abc::1", "2001:db8:1234::/48"],
    // The server's own machine, whichever family the browser chose for "localhost".
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
  ])("%s → %s (the line, not the device)", (address, network) => expect(maskedNetwork(address)).toBe(network));

  it.each([["unknown"], ["proxy.example"], ["2001:db8::/64"], [""], [null]])("no network for %j", (address) => expect(maskedNetwork(address)).toBeNull());
});

describe("roughPlace", () => {
  it("says the zone's city and the masked line", () => {
    expect(roughPlace({ timeZone: "Europe/Berlin", network: "203.0.113.0/24" })).toBe("Berlin time · network 203.0.113.x");
    expect(roughPlace({ timeZone: "America/New_York", network: null })).toBe("New York time");
    expect(roughPlace({ timeZone: null, network: "2001:db8:1234::/48" })).toBe("network 2001:db8:1234::/48");
    expect(roughPlace({ timeZone: "Europe/Lisbon", network: "loopback" })).toBe("Lisbon time · loopback network");
  });

  it("says nothing when nothing is known (sessions from before the columns)", () => {
    expect(roughPlace({ timeZone: null, network: null })).toBeNull();
  });

  it("labels a zone by its last part", () => {
    expect(zoneLabel("UTC")).toBe("UTC time");
    expect(zoneLabel("America/Argentina/Buenos_Aires")).toBe("Buenos Aires time");
  });
});
