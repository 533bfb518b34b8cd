// proxy.ts on real requests: the security headers on pages, next-auth's routes and redirects, the CSP
// nonce handed to Next.js, and NUL characters in the URL; next.config.ts's fixed headers for the
// JSON API, where the proxy does not run. (e2e/security.spec.ts checks the same
// headers on the running server and that pages work under the policy in Chromium.)
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import nextConfig from "@/next.config";
import { config, proxy } from "@/proxy";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, liveKitOrigins } from "@/lib/http/security-headers";
import { sessionCookie } from "@/test/http";

afterEach(() => {
  vi.unstubAllEnvs();
});

const get = async (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost${path}`, { headers }));

function directives(csp: string | null): Map<string, string> {
  return new Map((csp ?? "").split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("security headers", () => {
  it.each([["/signin"], ["/signup"], ["/"], ["/api/video/pending-calls"], ["/api/health"], ["/dashboard"], ["/sw.js"]])("on %s", async (path) => {
    const res = await get(path);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(self\), microphone=\(self\)/);
    expect(res.headers.get("permissions-policy")).toMatch(/geolocation=\(\)/);
    // Once, as self: a second "screen-wake-lock=()" later in the list denied it (the call page's wake lock).
    expect(res.headers.get("permissions-policy")!.match(/screen-wake-lock=\([^)]*\)/g)).toEqual(["screen-wake-lock=(self)"]);
    const csp = directives(res.headers.get("content-security-policy"));
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data: blob:");
    expect(csp.get("media-src")).toBe("'self' blob:");
    expect(csp.get("worker-src")).toBe("'self'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
  });

  it("gives every response its own nonce and hands it to Next.js's renderer", async () => {
    const [a, b] = [await get("/signin"), await get("/signin")];
    const nonce = (res: Response) => res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
    expect(nonce(a)).not.toBe(nonce(b));
    // NextResponse.next({ request: { headers } }) carries the overridden request headers.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonce(a)}'`);
  });

  it("sets them on the sign-in redirect and the admin redirect too", async () => {
    const toSignIn = await get("/dashboard");
    expect(toSignIn.status).toBe(307);
    expect(toSignIn.headers.get("x-frame-options")).toBe("DENY");
    const member = await sessionCookie({ id: 1, role: "member" }, "a".repeat(43)); // the proxy reads the token only
    const toDashboard = await get("/admin", { cookie: member });
    expect(new URL(toDashboard.headers.get("location")!).pathname).toBe("/dashboard");
    expect(toDashboard.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("sends HSTS in production only, eval only in development", async () => {
    expect((await get("/signin")).headers.get("strict-transport-security")).toBeNull();
    vi.stubEnv("NODE_ENV", "production");
    expect((await get("/signin")).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect((await get("/signin")).headers.get("content-security-policy")).not.toMatch(/unsafe-eval/);
    vi.stubEnv("NODE_ENV", "development");
    expect((await get("/signin")).headers.get("content-security-policy")).toMatch(/'strict-dynamic' 'unsafe-eval'/);
  });

  it("lets the browser reach LiveKit when it is configured, and upgrades http on an https site", async () => {
    vi.stubEnv("LIVEKIT_URL", "wss://meetcute.livekit.cloud");
    vi.stubEnv("NEXTAUTH_URL", "https://meetcute.example");
    const csp = directives((await get("/call/x")).headers.get("content-security-policy"));
    expect(csp.get("connect-src")).toBe("'self' wss://meetcute.livekit.cloud https://meetcute.livekit.cloud");
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
    expect(liveKitOrigins("http://localhost:7880")).toEqual(["ws://localhost:7880", "http://localhost:7880"]);
    expect(liveKitOrigins("not a url")).toEqual([]);
  });

  it("contentSecurityPolicy never allows inline script without the nonce", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false, production: true, https: true });
    expect(directives(csp).get("script-src")).not.toMatch(/unsafe-inline/);
  });
});

describe("where the proxy runs", () => {
  it.each([["/"], ["/signin"], ["/signup"], ["/dashboard"], ["/call/abc"], ["/api/auth/csrf"], ["/api/auth/callback/credentials"], ["/sw.js"], ["/manifest.webmanifest"]])(
    "runs on %s",
    (url) => expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true),
  );
  it.each([["/_next/static/chunks/main.js"], ["/_next/image?url=x"], ["/favicon.ico"]])("not on build asset %s", (url) =>
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false),
  );
  it.each([["/api/health"], ["/api/video/pending-calls"], ["/api/video/start-call"], ["/api/events"], ["/api/authors"]])("not on the JSON API: %s", (url) =>
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false),
  );
});

describe("the JSON API's headers (next.config.ts)", () => {
  it.each([["/api/health"], ["/api/video/pending-calls"], ["/api/video/sessions/x/join"], ["/api/no-such-route"], ["/api/authors"]])("%s gets the fixed set", async (path) => {
    const res = await unstable_getResponseFromNextConfig({ url: `http://localhost${path}`, nextConfig });
    expect(res.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("permissions-policy")).toMatch(/^camera=\(self\)/);
  });
  it.each([["/api/auth/csrf"], ["/signin"], ["/"]])("%s is left to the proxy (its CSP carries a nonce)", async (path) => {
    const res = await unstable_getResponseFromNextConfig({ url: `http://localhost${path}`, nextConfig });
    expect(res.headers.get("content-security-policy")).toBeNull();
  });
});

describe("NUL characters in the URL", () => {
  it.each([["/admin/members?q=%00"], ["/signin?callbackUrl=/%00"], ["/api/admin/members?q=a%00b"], ["/matches/1%00"]])("%s → 400 JSON", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/NUL/) });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});
