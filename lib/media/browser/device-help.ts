// What to tell a member whose camera or microphone does not work, in the words of their own
// browser and device: the settings are in different places in Chrome on a laptop, Chrome on
// Android, Safari on an iPhone… Pure: the page passes in the user agent and the failure.

export type Device = "camera" | "microphone";

export type MediaProblem = {
  /** denied: blocked by the member or the browser; missing: no such device; busy: another app
   *  holds it; unsupported: no camera API here (not a secure context: an http:// address). */
  kind: "denied" | "missing" | "busy" | "unsupported";
  devices: Device[];
};

export type Browser = "chrome" | "edge" | "firefox" | "safari" | "samsung" | "other";
export type Os = "ios" | "android" | "mac" | "windows" | "linux" | "other";
export type Platform = { browser: Browser; os: Os; phone: boolean };

/**
 * The browser and system from a user agent. iPadOS reports itself as a Mac; `touchPoints`
 * (navigator.maxTouchPoints) tells it apart. Every browser on iOS is Safari underneath, but its
 * settings live under its own name (CriOS, FxiOS), so those keep their names.
 */
export function platformFrom(userAgent: string, touchPoints = 0): Platform {
  const ua = userAgent;
  const os: Os = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1)
    ? "ios"
    : /Android/.test(ua)
      ? "android"
      : /Macintosh|Mac OS X/.test(ua)
        ? "mac"
        : /Windows/.test(ua)
          ? "windows"
          : /Linux|CrOS/.test(ua)
            ? "linux"
            : "other";
  const browser: Browser = /SamsungBrowser/.test(ua)
    ? "samsung"
    : /Edg(e|A|iOS)?\//.test(ua)
      ? "edge"
      : /Firefox\/|FxiOS/.test(ua)
        ? "firefox"
        : /Chrome\/|CriOS|Chromium\//.test(ua)
          ? "chrome"
          : /Safari\//.test(ua)
            ? "safari"
            : "other";
  return { browser, os, phone: os === "ios" || os === "android" };
}

/** What a getUserMedia failure means for the member. Not a secure context wins over everything. */
export function classifyFailure(err: unknown, secureContext = true): MediaProblem["kind"] {
  if (!secureContext) return "unsupported";
  // DOMException is not an Error subclass in every browser: read the name wherever it is.
  const name = typeof err === "object" && err !== null && "name" in err ? String(err.name) : "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "missing";
  // NotReadableError / TrackStartError / AbortError: the system could not open it, almost always
  // because another app (a video call, the camera app) holds it.
  return "busy";
}

function what(devices: Device[]): string {
  return devices.length >= 2 ? "camera and microphone" : (devices[0] ?? "camera");
}

function settingNames(devices: Device[]): string {
  return devices.map((d) => (d === "camera" ? "Camera" : "Microphone")).join(" and ");
}

const browserName: Record<Browser, string> = {
  chrome: "Chrome",
  edge: "Edge",
  firefox: "Firefox",
  safari: "Safari",
  samsung: "Samsung Internet",
  other: "your browser",
};

/** Where this browser on this system lets the member allow the site again. */
function allowSteps(devices: Device[], p: Platform): string {
  const names = settingNames(devices);
  const app = browserName[p.browser];
  if (p.os === "ios") {
    if (p.browser === "safari" || p.browser === "other")
      return `Tap "aA" in the address bar, then Website Settings, and set ${names} to Allow. If it stays blocked, open the iPhone's Settings → Apps → Safari → ${names} and choose Allow.`;
    return `Open the iPhone's Settings → Apps → ${app} and turn ${names} on, then come back and reload this page.`;
  }
  if (p.os === "android") {
    const system = `If it stays blocked, open Android's Settings → Apps → ${app} → Permissions and allow ${names}.`;
    if (p.browser === "firefox") return `Tap the lock at the left of the address, then set ${names} to Allowed. ${system}`;
    return `Tap the icon at the left of the address, then Permissions, and allow ${names}. ${system}`;
  }
  if (p.browser === "safari") return `In the Safari menu choose Settings for This Website and set ${names} to Allow. If that is already so, allow Safari in System Settings → Privacy & Security → ${names}.`;
  if (p.browser === "firefox") return `Click the crossed-out ${devices[0] ?? "camera"} icon in the address bar and remove the block, then reload this page.`;
  const system =
    p.os === "mac"
      ? ` If it is already allowed there, allow ${app} in System Settings → Privacy & Security → ${names}.`
      : p.os === "windows"
        ? ` If it is already allowed there, turn on Settings → Privacy & security → ${names} → "Let desktop apps access" on Windows.`
        : "";
  return `Open this site's settings (the icon at the left of the address bar), set ${names} to Allow, then reload this page.${system}`;
}

/** The title and the fix for one failure, for this member's browser and device. */
export function deviceHelp(problem: MediaProblem, p: Platform): { title: string; fix: string } {
  const w = what(problem.devices);
  switch (problem.kind) {
    case "denied":
      return { title: `Your browser is blocking your ${w}.`, fix: allowSteps(problem.devices, p) };
    case "missing":
      return {
        title: `No ${w} found.`,
        fix: p.phone
          ? `Your ${p.os === "ios" ? "iPhone" : "phone"} didn't offer one to ${browserName[p.browser]}. Close other apps, then reload this page; if it still isn't found, restart the phone.`
          : `Plug one in (or check it is switched on and not covered by a privacy switch), then reload this page.`,
      };
    case "busy":
      return {
        title: `Your ${w} is being used by another app.`,
        fix: p.phone
          ? `End any other call and close the camera app or any app recording, then reload this page.`
          : `Close the other app or browser tab that uses it (Zoom, Teams, FaceTime, another call), then reload this page.`,
      };
    case "unsupported":
      return {
        title: `This page can't use a ${w}.`,
        fix: "Video calls need a secure address: open Meetcute over https (or on localhost), not a plain http:// address.",
      };
  }
}
