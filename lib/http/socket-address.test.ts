// With no proxy in front (TRUSTED_PROXY_HOPS=0), requests reach `next start` straight from the
// client, and Next.js writes the socket peer into X-Forwarded-For only when the request has none
// (`??=` in next/dist/server/base-server.js): a client-written header reached our rate limits as
// the client's address. Here, real HTTP requests over real sockets to a Node server — the one
// `next start` runs — with forged headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";
import { pinClientAddressToSocket } from "@/lib/http/socket-address";

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

/** The address our rate limits key a request on, for one request sent from 127.0.0.1 with `headers`. */
async function keyedAs(headers: http.OutgoingHttpHeaders, hops = 0): Promise<string> {
  const server = http.createServer((req, res) => res.end(clientAddress(req.headers, hops)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<string>((resolve, reject) => {
      // http.request, not fetch: it sends an array value as the header repeated on several lines.
      const req = http.request({ host: "127.0.0.1", port, path: "/api/signup", headers, agent: false }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

const forged = [
  ["one entry", { "x-forwarded-for": "203.0.113.99" }],
  ["a chain", { "x-forwarded-for": "6.6.6.6, 203.0.113.99" }],
  ["the header twice", { "x-forwarded-for": ["6.6.6.6", "7.7.7.7"] }],
] satisfies [string, http.OutgoingHttpHeaders][];

describe("the client address with no proxy in front (TRUSTED_PROXY_HOPS=0)", () => {
  it("without the pin, a client-written X-Forwarded-For is the address (what `next start` passes on)", async () => {
    expect(await keyedAs(forged[0]![1])).toBe("203.0.113.99");
  });

  it.each(forged)("is the socket peer, whatever X-Forwarded-For the client wrote (%s)", async (_, headers) => {
    undo = pinClientAddressToSocket(0);
    expect(await keyedAs(headers)).toBe("127.0.0.1");
  });

  it("is the socket peer without any header too", async () => {
    undo = pinClientAddressToSocket(0);
    expect(await keyedAs({})).toBe("127.0.0.1");
  });

  it("behind a proxy (TRUSTED_PROXY_HOPS=1) the header is left to the proxies", async () => {
    undo = pinClientAddressToSocket(1);
    expect(await keyedAs({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, 1)).toBe("203.0.113.7");
  });
});
