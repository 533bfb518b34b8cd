import "server-only";
import type { IncomingMessage } from "node:http";
import type { NextRequest } from "next/server";
import { badRequest, forbidden } from "@/lib/http/http-error";
import { env } from "@/lib/env";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CsrfOptions {
  /** Media types an unsafe-method request may carry (default: application/json only). */
  accepts?: readonly string[];
  /**
   * "allowed" drops the same-origin rule, for an endpoint that a cookie does not authenticate
   * (the LiveKit webhook is signed): a forged cross-site request has nothing to ride on there.
   */
  crossSite?: "allowed";
}

/**
 * What the CSRF rules read of a request: its method, a header, and the origin it was sent to.
 * A web Request (route handlers) and Node's own request (pages/api/) both give it, so the rules
 * are written once.
 */
export interface RequestHead {
  method: string;
  header(name: string): string | null;
  /** The origin the request was addressed to (only used without NEXTAUTH_URL: development and tests). */
  requestOrigin(): string;
}

export const webRequestHead = (req: NextRequest): RequestHead => ({
  method: req.method,
  header: (name) => req.headers.get(name),
  requestOrigin: () => req.nextUrl.origin,
});

export const nodeRequestHead = (req: IncomingMessage): RequestHead => ({
  method: req.method ?? "GET",
  header: (name) => nodeHeader(req, name),
  // As Next.js derives a request's origin: the Host it was sent to, the scheme the proxy reports.
  requestOrigin: () => `${nodeHeader(req, "x-forwarded-proto")?.split(",")[0]?.trim() || "http"}://${req.headers.host ?? "localhost"}`,
});

/** A header of Node's request as `Headers.get` gives it: null when absent, repeated values joined. */
export function nodeHeader(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
}

/**
 * Unsafe methods (POST/PUT/PATCH/DELETE) must come from our own origin and carry an accepted
 * Content-Type — whether or not the route reads a body — which together stop cross-site form
 * posts and no-preflight `fetch`es. Run by route() and nodeRoute() before every handler.
 */
export function refuseCrossSiteRequest(req: RequestHead, options: CsrfOptions = {}) {
  if (!UNSAFE_METHODS.has(req.method)) return;
  if (options.crossSite !== "allowed") requireSameOrigin(req);
  requireContentType(req.header("content-type"), options.accepts ?? ["application/json"]);
}

const CROSS_SITE = "This request came from another site and was refused.";

/**
 * CSRF, part one. Browsers say where a request comes from: `Sec-Fetch-Site` (all current
 * ones) must be `same-origin` or `none` (typed or bookmarked); without it, `Origin`, when sent,
 * must be ours. A request with neither is not a browser's cross-site request (curl, our tests).
 * "Ours" is NEXTAUTH_URL's origin — required in production, so a reverse proxy's Host rewriting
 * cannot matter there; in development and tests without it, the request's own origin (Host).
 */
function requireSameOrigin(req: RequestHead) {
  const site = req.header("sec-fetch-site");
  if (site !== null) {
    if (site !== "same-origin" && site !== "none") throw forbidden(CROSS_SITE);
    return;
  }
  const origin = req.header("origin");
  if (origin !== null && origin !== appOrigin(req)) throw forbidden(CROSS_SITE);
}

function appOrigin(req: RequestHead): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.requestOrigin();
}

/**
 * CSRF, part two: the media type itself (parameters such as charset allowed), never a substring
 * match — `text/plain; application/json` is text/plain, which a browser sends cross-site without
 * a preflight. A missing Content-Type is refused too, also where the route reads no body.
 */
export function requireContentType(contentType: string | null, accepts: readonly string[]) {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!accepts.includes(type)) throw badRequest(`Send the request with Content-Type: ${accepts.join(" or ")}.`);
}
