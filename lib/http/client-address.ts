import "server-only";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address for per-address rate limits, from X-Forwarded-For.
 *
 * Next 16 route handlers never see the socket. Each trusted reverse proxy appends the address it
 * was connected from, so with `hops` proxies the client is the `hops`-th entry from the right,
 * and anything left of it was written by the client and is ignored. With 0 (no proxy) the header
 * holds exactly the socket peer: instrumentation.ts replaces whatever the client sent
 * (lib/http/socket-address.ts), since `next start` itself would keep a client-written one.
 */
export function clientAddress(headers: HeaderSource, hops = env().TRUSTED_PROXY_HOPS): string {
  return rateLimitIdentity(clientAddressAsSent(headers, hops));
}

/** The client's address as the trusted proxy (or our socket) wrote it: "unknown" if there is none. */
export function clientAddressAsSent(headers: HeaderSource, hops = env().TRUSTED_PROXY_HOPS): string {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  // Fewer entries than proxies: the request skipped a proxy; the left-most is the best claim left.
  return entries[Math.max(0, entries.length - Math.max(hops, 1))];
}

/**
 * What per-address limits count: an IPv4 address as is (also when written IPv4-mapped, as Node
 * reports IPv4 peers on a dual-stack socket: `::ffff:203.0.113.7`), but an IPv6 address by its
 * /64 — the block one subscriber line or host is handed, so rotating through the 2^64 addresses
 * of one's own block does not buy a fresh limit each time. Anything unparseable (a proxy that
 * writes a name or a port) is kept as written, lower-cased and cut to 64 characters.
 */
export function rateLimitIdentity(address: string): string {
  if (!ipaddr.isValid(address)) return address.slice(0, 64).toLowerCase();
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).concat([0, 0, 0, 0]);
  return `${new ipaddr.IPv6(parts).toString()}/64`;
}
