import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, request } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { BROWSER_PUSH_HOSTS, pushEndpointProblem } from "@/lib/push/endpoint";

// The one place the server connects to a push service. `web-push` only builds the request
// (encryption, VAPID headers); sending is ours, because its own sender reads the endpoint with
// url.parse(), follows the answer to any length, and connects to wherever DNS says. Here:
//  - the endpoint is checked again against the endpoint rules (rows stored before them too);
//  - DNS answers are checked before connecting: no loopback, private, link-local, unique-local,
//    carrier-grade NAT or otherwise non-public address (the check sits in the socket's `lookup`,
//    so the address checked is the address connected to; no second lookup to rebind between);
//  - no redirects (a 3xx is a failure), a connect timeout and a total timeout;
//  - at most MAX_ANSWER_BYTES of the answer is read; push services answer with a few bytes.

export const PUSH_CONNECT_TIMEOUT_MS = 3000;
/** A push service that has not answered within this long is given up on (per request). */
export const PUSH_REQUEST_TIMEOUT_MS = 5000;
export const MAX_ANSWER_BYTES = 4096;

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/** How a push service answered: its status and the first MAX_ANSWER_BYTES of the body. */
export interface PushAnswer {
  status: number;
  body: string;
}

export class PushDeliveryError extends Error {
  constructor(
    message: string,
    readonly reason: "bad_endpoint" | "blocked_address" | "timeout" | "network",
  ) {
    super(message);
  }
}

// Keep-alive to the few push-service hosts: a ring to several devices reuses one TLS connection.
const agent = new Agent({ keepAlive: true, maxSockets: 32, timeout: PUSH_REQUEST_TIMEOUT_MS });

/** Hosts an endpoint may point at: the browsers' push services and PUSH_SERVICE_HOSTS. */
export function allowedPushHosts(): string[] {
  const extra = env().PUSH_SERVICE_HOSTS?.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean) ?? [];
  return [...BROWSER_PUSH_HOSTS, ...extra, ...testRoutes.keys()];
}

/** Whether the server may connect to this address: public unicast only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  return ipaddr.process(address).range() === "unicast";
}

type Resolver = (hostname: string, options: { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** A socket `lookup` that resolves (with DNS unless told) and refuses if any answer is not a public address. */
export const publicOnlyLookup = (resolve: Resolver = dnsLookup): LookupFunction => (hostname, options, callback) => {
  resolve(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked || addresses.length === 0) {
      const refusal = new PushDeliveryError(`refused to connect to ${hostname}: it resolves to a non-public address`, "blocked_address");
      return callback(refusal as NodeJS.ErrnoException, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * POSTs one push message. Resolves with any HTTP answer; rejects with a PushDeliveryError.
 * `resolveHost` replaces DNS (tests: a push host that resolves to a private address).
 */
export function deliverPush(req: PushRequest, { resolveHost }: { resolveHost?: Resolver } = {}): Promise<PushAnswer> {
  const problem = pushEndpointProblem(req.endpoint, allowedPushHosts());
  if (problem) return Promise.reject(new PushDeliveryError(`endpoint ${problem}`, "bad_endpoint"));
  const url = new URL(req.endpoint);
  const route = testRoutes.get(url.hostname);
  if (!route && isIP(url.hostname)) return Promise.reject(new PushDeliveryError("endpoint names an address", "bad_endpoint"));

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: PushDeliveryError) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      outgoing.destroy();
      reject(err);
    };
    const outgoing = request(
      {
        method: req.method,
        host: route ? "127.0.0.1" : url.hostname,
        servername: url.hostname,
        port: route?.port ?? 443,
        path: `${url.pathname}${url.search}`,
        headers: { ...req.headers, host: url.hostname },
        ...(route ? { ca: route.ca, agent: false } : { agent, lookup: publicOnlyLookup(resolveHost) }),
      },
      (res) => {
        clearTimeout(connect);
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          if (settled) return;
          settled = true;
          clearTimeout(total);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        };
        res.on("data", (chunk: Buffer) => {
          const room = MAX_ANSWER_BYTES - size;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += chunk.length;
          // Enough read: the rest of an oversized answer is never buffered.
          if (size >= MAX_ANSWER_BYTES) {
            done();
            res.destroy();
            outgoing.destroy();
          }
        });
        res.on("end", done);
        res.on("error", () => done());
      },
    );
    const total = setTimeout(() => fail(new PushDeliveryError(`no answer within ${PUSH_REQUEST_TIMEOUT_MS} ms`, "timeout")), PUSH_REQUEST_TIMEOUT_MS);
    const connect = setTimeout(() => fail(new PushDeliveryError(`not connected within ${PUSH_CONNECT_TIMEOUT_MS} ms`, "timeout")), PUSH_CONNECT_TIMEOUT_MS);
    outgoing.on("socket", (socket) => {
      const connected = () => clearTimeout(connect);
      if (!socket.connecting) connected();
      else socket.once("secureConnect", connected);
    });
    outgoing.on("error", (err) => fail(err instanceof PushDeliveryError ? err : new PushDeliveryError(err.message, "network")));
    outgoing.end(req.body ?? undefined);
  });
}

// Tests only. A test's fake push service listens on 127.0.0.1, which the rules above refuse: a
// route sends one test host's connections there, trusting the service's own certificate. Nothing
// else in the app can reach this, and production refuses it.
const testRoutes = new Map<string, { port: number; ca: Buffer }>();

export function routePushHostForTests(host: string, target: { port: number; ca: Buffer } | null): void {
  if (env().NODE_ENV === "production") throw new Error("push test routes are for tests only");
  if (target) testRoutes.set(host, target);
  else testRoutes.delete(host);
}
