import { parse as legacyParse } from "node:url";
import { describe, expect, it } from "vitest";
import { BROWSER_PUSH_HOSTS, normalisePushEndpoint, pushEndpointProblem } from "@/lib/push/endpoint";

const hosts = BROWSER_PUSH_HOSTS;

describe("push endpoint rules", () => {
  // Each trick passes a WHATWG-only host check (the rule before this one) while url.parse(),
  // which web-push connects with, reads another host or port. The table proves both halves: the
  // parsers disagree (or the port is not 443), and the rules refuse it.
  it.each([
    ["a semicolon ends url.parse's host", "https://127.0.0.1;.fcm.googleapis.com/x"],
    ["a percent-encoded semicolon", "https://127.0.0.1%3b.fcm.googleapis.com/x"],
    ["a brace", "https://127.0.0.1{.fcm.googleapis.com/x"],
    ["an apostrophe", "https://127.0.0.1'.fcm.googleapis.com/x"],
    ["a backtick", "https://127.0.0.1`.fcm.googleapis.com/x"],
    ["a caret", "https://127.0.0.1^.fcm.googleapis.com/x"],
    ["a pipe", "https://127.0.0.1|.fcm.googleapis.com/x"],
  ])("refuses %s: %s", (_what, endpoint) => {
    const whatwg = URL.canParse(endpoint) ? new URL(endpoint).hostname : null;
    const legacy = legacyParse(endpoint).hostname;
    expect(whatwg).not.toBe(legacy);
    expect(pushEndpointProblem(endpoint, hosts)).not.toBeNull();
  });

  it.each([
    ["a port", "https://fcm.googleapis.com:22/fcm/send/x", "must not name a port"],
    ["port 443 written out", "https://fcm.googleapis.com:443/fcm/send/x", "must name its host plainly"],
    ["userinfo", "https://user:pw@fcm.googleapis.com/fcm/send/x", "must not carry a user name or password"],
    ["a bare @", "https://@fcm.googleapis.com/fcm/send/x", "must not carry a user name or password"],
    ["an IPv4 literal", "https://127.0.0.1/x", "must name its host plainly"],
    ["an IPv4 literal in hex", "https://0x7f000001/x", "must name its host plainly"],
    ["an IPv6 literal", "https://[::1]/x", "must name its host plainly"],
    ["a trailing dot", "https://fcm.googleapis.com./fcm/send/x", "must name its host plainly"],
    ["a percent-encoded host", "https://fcm.googleapis%2ecom/x", "must name its host plainly"],
    ["a Unicode host", "https://fcm.googleapis.cöm/x", "must be a plain URL (no spaces, control characters or backslashes)"],
    ["a space", "https://fcm.googleapis.com/a b", "must be a plain URL (no spaces, control characters or backslashes)"],
    ["a tab, which WHATWG drops", "https://fcm.goo\tgleapis.com/x", "must be a plain URL (no spaces, control characters or backslashes)"],
    ["a backslash, which url.parse reads as a slash", "https://127.0.0.1\\@fcm.googleapis.com/x", "must be a plain URL (no spaces, control characters or backslashes)"],
    ["http", "http://fcm.googleapis.com/fcm/send/x", "must be an https URL"],
    ["no path", "https://fcm.googleapis.com", "must have a path"],
    ["an unknown host", "https://internal.example.com/admin", "is not a known push service"],
    ["a look-alike host", "https://evilfcm.googleapis.com.example/x", "is not a known push service"],
    ["a suffix look-alike", "https://notfcm.googleapis.com/x", "is not a known push service"],
    ["no URL at all", "not-a-url", "must be a URL"],
    ["too long", `https://fcm.googleapis.com/${"a".repeat(2048)}`, "is too long"],
  ])("refuses %s", (_what, endpoint, problem) => {
    expect(pushEndpointProblem(endpoint, hosts)).toBe(problem);
  });

  it.each([
    "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b-x_y",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
    "https://web.push.apple.com/QGuQyavXutnMH?x=1",
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
  ])("accepts the browsers' real endpoint shapes: %s", (endpoint) => {
    expect(pushEndpointProblem(endpoint, hosts)).toBeNull();
    expect(normalisePushEndpoint(endpoint)).toBe(endpoint);
  });

  it("stores the normalised form: a host in capitals is the same endpoint", () => {
    const endpoint = "https://FCM.googleapis.com/fcm/send/abc";
    expect(pushEndpointProblem(endpoint, hosts)).toBeNull();
    expect(normalisePushEndpoint(endpoint)).toBe("https://fcm.googleapis.com/fcm/send/abc");
  });

  it("accepts an extra host only when it is listed", () => {
    expect(pushEndpointProblem("https://push.example.org/x", hosts)).toBe("is not a known push service");
    expect(pushEndpointProblem("https://push.example.org/x", [...hosts, "push.example.org"])).toBeNull();
  });
});
