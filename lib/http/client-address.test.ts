import { describe, expect, it } from "vitest";
import { clientAddress, clientAddressAsSent, rateLimitIdentity } from "@/lib/http/client-address";

const xff = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("clientAddress", () => {
  it("behind one proxy takes the entry that proxy appended, whatever the client wrote before it", () => {
    expect(clientAddress(xff("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(xff("1.1.1.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(xff("evil, 9.9.9.9,  203.0.113.7"), 1)).toBe("203.0.113.7");
  });

  it("behind two proxies skips the inner proxy's entry", () => {
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // A request that skipped a proxy has fewer entries: the left-most is what is left.
    expect(clientAddress(xff("203.0.113.7"), 2)).toBe("203.0.113.7");
  });

  it("with no proxy takes the right-most entry (what `next start` fills from the socket)", () => {
    expect(clientAddress(xff("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddress(xff("6.6.6.6, 127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("reads next-auth's plain header objects and answers 'unknown' without the header", () => {
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    expect(clientAddress(xff(), 1)).toBe("unknown");
    expect(clientAddress(xff(" , "), 1)).toBe("unknown");
  });

  it("as sent: the same entry, before any /64 counting (the sign-in's rough place masks it itself)", () => {
    expect(clientAddressAsSent(xff("6.6.6.6, ::1"), 0)).toBe("::1");
    expect(clientAddress(xff("6.6.6.6, ::1"), 0)).toBe("::/64");
    expect(clientAddressAsSent(xff("1.1.1.1, 2001:db8:1:2:3:4:5:6"), 1)).toBe("2001:db8:1:2:3:4:5:6");
    expect(clientAddressAsSent(xff(), 1)).toBe("unknown");
  });

  it("counts an IPv6 client by its /64, an IPv4 one (also IPv4-mapped) by its address", () => {
    // One subscriber's /64: every address in it is one identity.
    expect(rateLimitIdentity("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIdentity("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIdentity("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientAddress(xff("9.9.9.9, 2001:db8:1:2:ffff::7"), 1)).toBe("2001:db8:1:2::/64");
    expect(rateLimitIdentity("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitIdentity("203.0.113.7")).toBe("203.0.113.7");
    // Not an address (a proxy writing a name or a port): kept as written, bounded.
    expect(rateLimitIdentity("Proxy-Name")).toBe("proxy-name");
    expect(rateLimitIdentity("x".repeat(100))).toHaveLength(64);
  });
});
