import "server-only";
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
 * Unsafe methods (POST/PUT/PATCH/DELETE) must come from our own origin and carry an accepted
 * Content-Type — whether or not the route reads a body — which together stop cross-site form
 * posts and no-preflight `fetch`es. Run by route() before every handler.
 */
export function refuseCrossSiteRequest(req: NextRequest, options: CsrfOptions = {}) {
  if (!UNSAFE_METHODS.has(req.method)) return;
  if (options.crossSite !== "allowed") requireSameOrigin(req);
  requireContentType(req, options.accepts ?? ["application/json"]);
}

const CROSS_SITE = "This request came from another site and was refused.";

/**
 * CSRF, part one. Browsers say where a request comes from: `Sec-Fetch-Site` (all current
 * ones) must be `same-origin` or `none` (typed or bookmarked); without it, `Origin`, when sent,
 * must be ours. A request with neither is not a browser's cross-site request (curl, our tests).
 * "Ours" is NEXTAUTH_URL's origin — required in production, so a reverse proxy's Host rewriting
 * cannot matter there; in development and tests without it, the request's own origin (Host).
 */
function requireSameOrigin(req: NextRequest) {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site !== "same-origin" && site !== "none") throw forbidden(CROSS_SITE);
    return;
  }
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== appOrigin(req)) throw forbidden(CROSS_SITE);
}

function appOrigin(req: NextRequest): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}

/**
 * CSRF, part two: the media type itself (parameters such as charset allowed), never a substring
 * match — `text/plain; application/json` is text/plain, which a browser sends cross-site without
 * a preflight. A missing Content-Type is refused too, also where the route reads no body.
 */
export function requireContentType(req: Request, accepts: readonly string[]) {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!accepts.includes(type)) throw badRequest(`Send the request with Content-Type: ${accepts.join(" or ")}.`);
}
