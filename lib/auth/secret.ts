// The development/test fallback for NEXTAUTH_SECRET. Production refuses to start without a real
// one (lib/env.ts), so this value never signs a production session. Kept free of `server-only`
// because proxy.ts imports it too.
export const DEV_AUTH_SECRET = "meetcute-development-secret-not-for-production";

export function sessionSecret(): string {
  return process.env.NEXTAUTH_SECRET || DEV_AUTH_SECRET;
}
