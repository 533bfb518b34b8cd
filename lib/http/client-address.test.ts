import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

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
    expect(clientAddress(xff("::1"), 0)).toBe("::1");
    expect(clientAddress(xff("6.6.6.6, 127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("reads next-auth's plain header objects and answers 'unknown' without the header", () => {
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    expect(clientAddress(xff(), 1)).toBe("unknown");
    expect(clientAddress(xff(" , "), 1)).toBe("unknown");
  });
});
