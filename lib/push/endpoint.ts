import { parse as legacyParse } from "node:url";
import { isIP } from "node:net";

// Which push endpoints the server will ever POST to. A member hands us the endpoint, so it is an
// address the server connects to on their say-so: it must be a push service's, and it must mean
// the same host to every parser that reads it. `web-push` and older HTTP code read URLs with
// Node's legacy `url.parse()`, which stops a hostname at characters WHATWG `new URL()` keeps
// (`https://127.0.0.1;.fcm.googleapis.com/` is FCM to one and 127.0.0.1 to the other). So an
// endpoint is accepted only in a form where the question cannot arise: `https://`, then a plain
// `[a-z0-9.-]` hostname that both parsers return unchanged, then the path; no port, no userinfo,
// no IP literal, no percent-encoding or odd characters before the path.

/** The push services of the browsers that support Web Push (the Chromium family uses FCM). */
export const BROWSER_PUSH_HOSTS = ["fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

export const MAX_ENDPOINT_LENGTH = 2048;

const PLAIN_HOSTNAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
// Printable ASCII without the space and the backslash (which url.parse reads as a slash).
const PLAIN_URL = /^[\x21-\x5b\x5d-\x7e]+$/;

/** Why `value` is not an acceptable push endpoint for these hosts, or null when it is. */
export function pushEndpointProblem(value: string, hosts: readonly string[]): string | null {
  if (value.length > MAX_ENDPOINT_LENGTH) return "is too long";
  if (!PLAIN_URL.test(value)) return "must be a plain URL (no spaces, control characters or backslashes)";
  if (!URL.canParse(value)) return "must be a URL";
  const url = new URL(value);
  if (url.protocol !== "https:") return "must be an https URL";
  if (url.username || url.password || value.slice("https://".length).split("/", 1)[0].includes("@")) return "must not carry a user name or password";
  if (url.port) return "must not name a port";
  // The authority exactly as written: what WHATWG and url.parse() both must agree it is.
  const written = /^https:\/\/([^/?#]*)[/?#]/i.exec(value)?.[1]?.toLowerCase();
  const hostname = url.hostname;
  if (written === undefined) return "must have a path";
  if (written !== hostname || !PLAIN_HOSTNAME.test(hostname) || isIP(hostname)) return "must name its host plainly";
  const legacy = legacyParse(value);
  if (legacy.hostname !== hostname || legacy.port !== null || legacy.auth !== null || legacy.protocol !== "https:") return "must name its host plainly";
  if (!hosts.some((h) => hostname === h || hostname.endsWith(`.${h}`))) return "is not a known push service";
  return null;
}

/** The endpoint as stored and sent: WHATWG's serialisation (lower-case host). Call after checking. */
export function normalisePushEndpoint(value: string): string {
  return new URL(value).href;
}
