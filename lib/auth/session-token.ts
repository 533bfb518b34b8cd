import "server-only";
import { LRUCache } from "lru-cache";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import type { IncomingHttpHeaders } from "node:http";
import type { NextRequest } from "next/server";
import { authSecret } from "@/lib/env";

// The session cookie of a route handler's request, decoded. next-auth's decode derives the key
// with HKDF and decrypts the JWE on every call: on the notification poll, which a tab sends every
// few seconds with the same cookie, that was the largest cost left once the member and the
// answer came from memory. A cookie is a fixed string whose decryption with this process's
// secret always gives the same payload, so the payload is remembered per cookie until its own
// expiry (jose's check, with the same 15 s tolerance next-auth allows). Only tokens that decrypted
// are kept; a ban or deletion is not the token's business (lib/auth/signed-in-member-cache.ts decides who
// may in), so remembering a token revokes nothing late.

/** Most cookies remembered; the oldest-inserted goes first (one per signed-in tab session). */
export const MAX_REMEMBERED_TOKENS = 20_000;
const CLOCK_TOLERANCE_S = 15;

// Reads use peek(), which leaves the order alone: the oldest-inserted cookie goes first. The TTL
// runs on Date.now(), the clock jose checks `exp` against.
const remembered = new LRUCache<string, JWT>({ max: MAX_REMEMBERED_TOKENS, ttlResolution: 0, perf: { now: () => Date.now() } });

async function rememberingDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  const hit = remembered.peek(token);
  if (hit) return hit;
  const payload = await decode(params); // throws on a forged, tampered or expired token
  if (payload && typeof payload.exp === "number") {
    // Served while next-auth would still accept it: up to exp plus its tolerance.
    const ttl = (payload.exp + CLOCK_TOLERANCE_S) * 1000 - Date.now();
    if (ttl > 0) remembered.set(token, payload, { ttl });
  }
  return payload;
}

/** What next-auth reads a session cookie from: a route handler's request, or Node's with its cookies parsed. */
export type TokenSource = NextRequest | { headers: IncomingHttpHeaders; cookies: Partial<Record<string, string>> };

/** The request's session token (null: none, forged, tampered or expired). */
export function sessionToken(req: TokenSource): Promise<JWT | null> {
  // next-auth reads only `cookies` and `headers` of a Node request; its type asks for a whole one.
  return getToken({ req: req as Parameters<typeof getToken>[0]["req"], secret: authSecret(), decode: rememberingDecode });
}

/** For tests. */
export const rememberedTokens = () => remembered.size;
