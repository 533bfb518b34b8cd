// Where to send a member after signing in. Pure and free of `server-only`: the sign-in page,
// the sign-in form and next-auth's redirect callback all use it.

export const DEFAULT_CALLBACK_PATH = "/dashboard";

const MAX_LENGTH = 2048;
// Browsers drop tabs and newlines from URLs and read `\` as `/`, so "/\tevil" and "/\evil" both
// become "//evil" — another host. Refuse any control character and any backslash outright.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
// A base that can never be ours: resolving against it shows whether a path stays on the origin.
const PROBE_ORIGIN = "http://callback.invalid";

/**
 * A same-origin relative path to continue to, or `fallback`. Accepts "/x?y#z" only: never
 * "//host", "/\host", their percent-encoded forms (decoded repeatedly, as a chain of redirects
 * or routers might), control characters, or any absolute URL.
 */
export function safeCallbackPath(raw: unknown, fallback = DEFAULT_CALLBACK_PATH): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  let layer = value;
  for (let depth = 0; depth < 5; depth++) {
    if (!isPlainLocalPath(layer)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback; // malformed percent-encoding
    }
    if (decoded === layer) break;
    layer = decoded;
  }
  if (layer !== value && /%[0-9a-f]{2}/i.test(layer)) return fallback; // encoded more than 5 deep
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function isPlainLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE_CHARACTER.test(path);
}

/**
 * next-auth's `redirect` callback: it hands over relative paths and absolute URLs (sign-out uses
 * the page's full URL). Only our own origin with a safe path survives; the rest goes to
 * `${baseUrl}/dashboard`.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: unknown = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      path = absolute.origin === base.origin ? url.slice(absolute.origin.length) || "/" : null;
    } catch {
      path = null;
    }
  }
  return `${base.origin}${safeCallbackPath(path)}`;
}
