import { describe, expect, it } from "vitest";
import { classifyFailure, deviceHelp, platformFrom, type MediaProblem, type Platform } from "@/lib/media/browser/device-help";

const UA = {
  chromeMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  edgeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  chromeAndroid: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  samsung: "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  chromeIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  firefoxAndroid: "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
};

const dom = (name: string) => Object.assign(new Error(name), { name });

describe("platformFrom", () => {
  it.each([
    ["chromeMac", { browser: "chrome", os: "mac", phone: false }],
    ["edgeWindows", { browser: "edge", os: "windows", phone: false }],
    ["chromeAndroid", { browser: "chrome", os: "android", phone: true }],
    ["samsung", { browser: "samsung", os: "android", phone: true }],
    ["safariIphone", { browser: "safari", os: "ios", phone: true }],
    ["chromeIphone", { browser: "chrome", os: "ios", phone: true }],
    ["safariMac", { browser: "safari", os: "mac", phone: false }],
    ["firefoxLinux", { browser: "firefox", os: "linux", phone: false }],
    ["firefoxAndroid", { browser: "firefox", os: "android", phone: true }],
  ] as const)("%s", (ua, expected) => {
    expect(platformFrom(UA[ua])).toEqual(expected);
  });

  it("tells an iPad (which says Macintosh) by its touch points", () => {
    expect(platformFrom(UA.safariMac, 5)).toEqual({ browser: "safari", os: "ios", phone: true });
  });
});

describe("classifyFailure", () => {
  it.each([
    ["NotAllowedError", "denied"],
    ["SecurityError", "denied"],
    ["NotFoundError", "missing"],
    ["OverconstrainedError", "missing"],
    ["NotReadableError", "busy"],
    ["AbortError", "busy"],
  ] as const)("%s is %s", (name, kind) => {
    expect(classifyFailure(dom(name))).toBe(kind);
  });

  it("reads the name of a DOMException-like object that is not an Error", () => {
    expect(classifyFailure({ name: "NotAllowedError" })).toBe("denied");
  });

  it("says not a secure context before anything else", () => {
    expect(classifyFailure(dom("NotAllowedError"), false)).toBe("unsupported");
  });
});

describe("deviceHelp", () => {
  const on = (ua: keyof typeof UA): Platform => platformFrom(UA[ua]);
  const camera: MediaProblem = { kind: "denied", devices: ["camera"] };

  it("denied: each browser and device gets its own steps", () => {
    const fixes = (["chromeMac", "chromeWindows", "chromeAndroid", "safariIphone", "chromeIphone", "safariMac", "firefoxLinux"] as const).map((ua) => deviceHelp(camera, on(ua)).fix);
    expect(new Set(fixes).size).toBe(fixes.length);
    expect(deviceHelp(camera, on("chromeMac"))).toEqual({
      title: "Your browser is blocking your camera.",
      fix: expect.stringContaining("System Settings → Privacy & Security → Camera"),
    });
    expect(deviceHelp(camera, on("safariIphone")).fix).toContain('Tap "aA"');
    expect(deviceHelp(camera, on("chromeIphone")).fix).toContain("Settings → Apps → Chrome");
    expect(deviceHelp(camera, on("chromeAndroid")).fix).toContain("Android's Settings → Apps → Chrome → Permissions");
    expect(deviceHelp(camera, on("firefoxLinux")).fix).toContain("crossed-out camera icon");
  });

  it("names both devices when both are blocked", () => {
    const help = deviceHelp({ kind: "denied", devices: ["camera", "microphone"] }, on("chromeWindows"));
    expect(help.title).toBe("Your browser is blocking your camera and microphone.");
    expect(help.fix).toContain("set Camera and Microphone to Allow");
  });

  it("missing, busy and unsupported differ between a phone and a laptop", () => {
    for (const kind of ["missing", "busy"] as const) {
      const problem: MediaProblem = { kind, devices: ["microphone"] };
      expect(deviceHelp(problem, on("safariIphone")).fix).not.toBe(deviceHelp(problem, on("chromeMac")).fix);
    }
    expect(deviceHelp({ kind: "busy", devices: ["camera"] }, on("chromeWindows"))).toEqual({
      title: "Your camera is being used by another app.",
      fix: expect.stringContaining("Zoom, Teams"),
    });
    expect(deviceHelp({ kind: "missing", devices: ["camera"] }, on("chromeAndroid")).title).toBe("No camera found.");
    expect(deviceHelp({ kind: "unsupported", devices: ["camera", "microphone"] }, on("chromeMac")).fix).toContain("https");
  });
});
