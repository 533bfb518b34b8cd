import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { deliverPush, isPublicAddress, MAX_ANSWER_BYTES, publicOnlyLookup, PushDeliveryError, PUSH_REQUEST_TIMEOUT_MS, routePushHostForTests } from "@/lib/push/delivery";
import { fakePushCert, fakePushKey } from "@/test/fake-push-service";

const post = (endpoint: string) => ({ endpoint, method: "POST", headers: { TTL: 10 }, body: Buffer.from("x") });

describe("push delivery", () => {
  it.each([
    ["127.0.0.1", false],
    ["127.8.9.10", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false], // the cloud metadata service
    ["100.64.0.1", false], // carrier-grade NAT
    ["0.0.0.0", false],
    ["255.255.255.255", false],
    ["224.0.0.1", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["fd12:3456::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["64:ff9b::7f00:1", false], // NAT64 of 127.0.0.1
    ["8.8.8.8", true],
    ["142.250.74.74", true],
    ["2a00:1450:4007:80e::200a", true],
    ["::ffff:8.8.8.8", true],
    ["not an address", false],
  ])("judges %s public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("refuses a host that DNS resolves to loopback, before connecting (real DNS: localhost)", async () => {
    const lookup = publicOnlyLookup();
    const err = await new Promise<unknown>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
    expect(err).toBeInstanceOf(PushDeliveryError);
    expect((err as PushDeliveryError).reason).toBe("blocked_address");
  });

  it("refuses an allowed push host whose DNS answer is private, and never connects", async () => {
    const asked: string[] = [];
    const rebinding = (hostname: string, _o: { all: true }, cb: (e: null, a: { address: string; family: number }[]) => void) => {
      asked.push(hostname);
      cb(null, [
        { address: "142.250.74.74", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ]);
    };
    const err = await deliverPush(post("https://fcm.googleapis.com/fcm/send/x"), { resolveHost: rebinding }).catch((e) => e);
    expect(asked).toEqual(["fcm.googleapis.com"]);
    expect(err).toBeInstanceOf(PushDeliveryError);
    expect(err.reason).toBe("blocked_address");
  });

  it("refuses an endpoint that breaks the endpoint rules, stored or not", async () => {
    for (const endpoint of ["https://127.0.0.1;.fcm.googleapis.com/x", "https://fcm.googleapis.com:22/x", "https://127.0.0.1:9/push/x"]) {
      const err = await deliverPush(post(endpoint)).catch((e) => e);
      expect(err).toBeInstanceOf(PushDeliveryError);
      expect(err.reason).toBe("bad_endpoint");
    }
  });

  describe("against a local push service", () => {
    let server: Server | undefined;
    let connections = 0;
    afterEach(async () => {
      routePushHostForTests("hostile.meetcute.test", null);
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
      connections = 0;
    });
    async function serve(handler: Parameters<typeof createServer>[1]) {
      server = createServer({ cert: fakePushCert, key: fakePushKey }, handler);
      server.on("secureConnection", () => (connections += 1));
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      routePushHostForTests("hostile.meetcute.test", { port: (server.address() as AddressInfo).port, ca: fakePushCert });
    }

    it("does not follow a redirect", async () => {
      const paths: string[] = [];
      await serve((req, res) => {
        paths.push(req.url ?? "");
        res.writeHead(307, { location: "https://hostile.meetcute.test/elsewhere" }).end();
      });
      const answer = await deliverPush(post("https://hostile.meetcute.test/push/a"));
      expect(answer.status).toBe(307);
      expect(paths).toEqual(["/push/a"]);
    });

    it(`reads at most ${MAX_ANSWER_BYTES} bytes of an answer, however long it is`, async () => {
      let written = 0;
      await serve((_req, res) => {
        res.writeHead(201);
        const chunk = Buffer.alloc(64 * 1024, "a");
        // An endless answer: only a reader that stops makes this request end.
        const pump = () => {
          while (res.write(chunk)) written += chunk.length;
        };
        res.on("drain", pump);
        res.on("close", () => res.off("drain", pump));
        pump();
      });
      const answer = await deliverPush(post("https://hostile.meetcute.test/push/a"));
      expect(answer.status).toBe(201);
      expect(answer.body.length).toBe(MAX_ANSWER_BYTES);
      expect(written).toBeLessThan(64 * 1024 * 1024);
    });

    it(`gives up on a push service that accepts but never answers, after ${PUSH_REQUEST_TIMEOUT_MS} ms`, async () => {
      await serve(() => {});
      const t = Date.now();
      const err = await deliverPush(post("https://hostile.meetcute.test/push/a")).catch((e) => e);
      const took = Date.now() - t;
      expect(err).toBeInstanceOf(PushDeliveryError);
      expect(err.reason).toBe("timeout");
      expect(took).toBeGreaterThanOrEqual(PUSH_REQUEST_TIMEOUT_MS - 100);
      expect(took).toBeLessThan(PUSH_REQUEST_TIMEOUT_MS + 2000);
      expect(connections).toBe(1);
    });
  });
});
