import "server-only";
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
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  // Fewer entries than proxies: the request skipped a proxy; the left-most is the best claim left.
  const address = entries[Math.max(0, entries.length - Math.max(hops, 1))];
  return address.slice(0, 64).toLowerCase();
}
