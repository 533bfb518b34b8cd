import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import webpush from "web-push";

// Each case loads lib/env and lib/push/vapid afresh: both read the configuration once.
async function load(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  const vapid = await import("@/lib/push/vapid");
  const { log } = await import("@/lib/log");
  return { ...vapid, log };
}

const UNSET = { VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined, VAPID_SUBJECT: undefined };

describe("VAPID keys", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("uses the configured key pair", async () => {
    const pair = webpush.generateVAPIDKeys();
    const { vapidKeys } = await load({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: "mailto:ops@example.com" });
    expect(vapidKeys()).toEqual({ ...pair, subject: "mailto:ops@example.com" });
  });

  it("turns Web Push off in production without keys, with one warning", async () => {
    const { vapidKeys, log } = await load({ ...UNSET, NODE_ENV: "production", NEXTAUTH_SECRET: "a-production-secret-0123456789", NEXTAUTH_URL: "https://meetcute.example" });
    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    expect(vapidKeys()).toBeNull();
    expect(vapidKeys()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/Web Push is off/);
  });

  it("generates a pair once in development and tests, kept in .data/vapid.json", async () => {
    const { vapidKeys, DEV_VAPID_FILE } = await load({ ...UNSET, VAPID_PUBLIC_KEY: "" });
    const keys = vapidKeys()!;
    expect(Buffer.from(keys.publicKey, "base64url")).toHaveLength(65);
    expect(existsSync(DEV_VAPID_FILE)).toBe(true);
    expect(JSON.parse(readFileSync(DEV_VAPID_FILE, "utf8"))).toEqual({ publicKey: keys.publicKey, privateKey: keys.privateKey });
    const again = await load(UNSET);
    expect(again.vapidKeys()).toEqual(keys);
  });

  const pair = webpush.generateVAPIDKeys();
  it.each([
    [{ VAPID_PUBLIC_KEY: pair.publicKey }, /set all of VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT or none/],
    [{ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: "ops@example.com" }, /VAPID_SUBJECT: must be a mailto: address or an https: URL/],
    [{ VAPID_PUBLIC_KEY: "abc", VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: "mailto:ops@example.com" }, /VAPID_PUBLIC_KEY: must be an uncompressed P-256 public key/],
  ])("refuses a half or wrong configuration: %j", async (vars, message) => {
    const { vapidKeys } = await load({ ...UNSET, ...vars });
    expect(() => vapidKeys()).toThrow(message);
  });
});
