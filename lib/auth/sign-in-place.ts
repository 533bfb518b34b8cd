// A signed-in device's "rough place", for the Account page: enough for a member to tell their own
// phone at home from a stranger's browser elsewhere, and no more.
//
// Two clues, both taken at sign-in:
// - the browser's time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`, sent by the
//   sign-in form), shown as "Berlin time". It is the device's own setting: rough (a whole region),
//   never more precise than the member's clock, and honest about being the browser's word.
// - the network the sign-in came from, cut to its /24 (IPv4) or /48 (IPv6): the same home or
//   office line reads the same, while the address of the one device is not kept.
//
// No GeoIP. A city from the address would need a database of a few hundred MB that goes stale
// within weeks (and a licence key for the good ones), it is often wrong on mobile networks and
// behind VPNs, and turning addresses into places is a processing of personal data we would then
// have to justify. The time zone says about as much, for nothing.
import ipaddr from "ipaddr.js";

/** Longest IANA zone name we keep (the longest real one, America/Argentina/ComodRivadavia, is 32). */
const MAX_ZONE_LENGTH = 64;
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** The browser's time zone if it is one this runtime knows, else null (never trusted as text). */
export function validTimeZone(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_ZONE_LENGTH || !ZONE_SHAPE.test(raw)) return null;
  try {
    // Throws a RangeError for a zone the ICU data does not have; gives its canonical spelling.
    return new Intl.DateTimeFormat("en", { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const LOOPBACK = "loopback";

/** "203.0.113.0/24" or "2001:db8:1::/48" for a client address as sent (clientAddressAsSent); null when it isn't one (e.g. "unknown"). */
export function maskedNetwork(address: string | null | undefined): string | null {
  if (!address || !ipaddr.isValid(address)) return null;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4
  // 127.0.0.1 and ::1 alike: a sign-in from the server's own machine (a developer, a test).
  if (parsed.range() === "loopback") return LOOPBACK;
  if (parsed.kind() === "ipv4") {
    const [a, b, c] = (parsed as ipaddr.IPv4).octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 3).concat([0, 0, 0, 0, 0]);
  return `${new ipaddr.IPv6(parts).toString()}/48`;
}

/** "Berlin time" from "Europe/Berlin"; "UTC" stays "UTC time". */
export function zoneLabel(timeZone: string): string {
  const city = timeZone.split("/").at(-1) ?? timeZone;
  return `${city.replace(/_/g, " ")} time`;
}

/** What the device list says about where a session signed in: "Berlin time · network 203.0.113.x". */
export function roughPlace(session: { timeZone: string | null; network: string | null }): string | null {
  const parts: string[] = [];
  if (session.timeZone) parts.push(zoneLabel(session.timeZone));
  if (session.network === LOOPBACK) parts.push("loopback network");
  else if (session.network) {
    const v4 = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(session.network);
    parts.push(`network ${v4 ? `${v4[1]}.x` : session.network}`);
  }
  return parts.length ? parts.join(" · ") : null;
}
