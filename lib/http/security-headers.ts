// The security headers of every page and API response, defined here: pages get theirs from
// proxy.ts (a fresh CSP nonce per response); JSON API answers get the fixed set below from
// next.config.ts's `headers()`, with no proxy run at all on the hot path (the notification poll).
// Free of `server-only` and of imports because next.config.ts and the proxy load it.

export interface SecurityHeaderOptions {
  /** A fresh per-request nonce: Next.js puts it on its own inline and bundle scripts. */
  nonce: string;
  /** `next dev`: React's dev tooling needs eval (never in production). */
  development: boolean;
  /** NODE_ENV=production: HSTS is sent. */
  production: boolean;
  /** LIVEKIT_URL when LiveKit is configured: the browser connects to it (wss + https). */
  liveKitUrl?: string;
  /** The site is served over https (NEXTAUTH_URL): ask browsers to upgrade any stray http. */
  https: boolean;
}

/**
 * script-src: only scripts carrying this request's nonce, plus what they load ('strict-dynamic');
 * no inline script an attacker could inject runs. style-src keeps 'unsafe-inline': React renders
 * `style=` attributes and sonner injects a <style>, which a nonce cannot cover; injected CSS
 * cannot run script, and connect-src/img-src still bound where it could send anything.
 */
export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const connect = ["'self'", ...liveKitOrigins(o.liveKitUrl)];
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** wss:// and https:// of the LiveKit server (the client signals over one, validates over the other). */
export function liveKitOrigins(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const { host, protocol } = new URL(url);
    const secure = protocol === "wss:" || protocol === "https:";
    return secure ? [`wss://${host}`, `https://${host}`] : [`ws://${host}`, `http://${host}`];
  } catch {
    return [];
  }
}

// Camera and microphone for calls, autoplay for the remote video and the ringtone, the screen
// kept on during a call; nothing else.
const PERMISSIONS_POLICY = [
  "camera=(self)",
  "microphone=(self)",
  "autoplay=(self)",
  // The call page keeps the screen on during a call (Screen Wake Lock).
  "screen-wake-lock=(self)",
  "accelerometer=()",
  "bluetooth=()",
  "display-capture=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "serial=()",
  "usb=()",
].join(", ");

/**
 * The headers every response shares, page or API. HSTS: two years. Browsers ignore it over plain
 * http, so sending it on every production response is harmless on http://localhost.
 */
function commonHeaders(production: boolean): Record<string, string> {
  return {
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    ...(production ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return { "content-security-policy": contentSecurityPolicy(o), ...commonHeaders(o.production) };
}

/**
 * A JSON API answer loads nothing and is never a document to frame: the strictest policy (as
 * OWASP's REST guidance suggests). A route that serves something else sets its own (photos).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function apiSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return { "content-security-policy": API_CONTENT_SECURITY_POLICY, ...commonHeaders(production) };
}

/** A random nonce for one response (base64 of 16 random bytes). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
