import "server-only";
import { z } from "zod";
import { sessionSecret } from "@/lib/auth/secret";

// Server configuration, validated once. Every variable is listed in .env.example.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  // The member-events LISTEN connection; needs a session (not a transaction-pooled) connection.
  EVENTS_DATABASE_URL: z.string().min(1).optional(),
  // How long anything may wait on PostgreSQL (lib/db/index.ts; docs/operations.md, "Database timeouts").
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // The site's public URL: next-auth's callbacks, Secure cookies, the CSRF origin check.
  // Production requires https:// (see nextAuthUrlProblem).
  NEXTAUTH_URL: z.string().optional(),
  // "1" lets production run on http://localhost (the journeys' `next start`); nothing else.
  ALLOW_INSECURE_LOCALHOST: z.string().optional(),
  // Call timing (seconds). Defaults are the product's; tests shorten them.
  RING_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(45),
  FIRST_CALL_CAP_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  // LiveKit (optional): when all three are set, calls use LiveKit; otherwise direct WebRTC.
  LIVEKIT_URL: z.string().url().optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).optional(),
  // Direct WebRTC: JSON array of RTCIceServer objects, e.g. a coturn STUN/TURN server.
  ICE_SERVERS: z.string().optional(),
  // Web Push (optional): the VAPID key pair (`npx web-push generate-vapid-keys`) and a contact
  // for the push services. Development and tests generate a pair into .data/vapid.json when
  // unset; production without them runs with Web Push off.
  VAPID_PUBLIC_KEY: unsetIfEmpty(base64url(65, "an uncompressed P-256 public key (65 bytes)")),
  VAPID_PRIVATE_KEY: unsetIfEmpty(base64url(32, "a P-256 private key (32 bytes)")),
  VAPID_SUBJECT: unsetIfEmpty(z.string().regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, "must be a mailto: address or an https: URL")),
  // Extra push-service hosts subscriptions may point at (comma-separated), besides the browsers'.
  PUSH_SERVICE_HOSTS: unsetIfEmpty(z.string()),
  // Direct WebRTC: "relay" sends all media through TURN, so members never see each other's IP.
  ICE_TRANSPORT_POLICY: z.enum(["all", "relay"]).default("all"),
  // coturn `use-auth-secret`: time-limited TURN credentials are minted per join from this secret
  // for every turn:/turns: URL in TURN_URLS (comma-separated).
  TURN_URLS: z.string().optional(),
  TURN_SECRET: z.string().min(16).optional(),
  // Unset (the default): ring timeout + first-call cap + a minute (lib/media/direct.ts).
  TURN_CREDENTIAL_TTL_SECONDS: unsetIfEmpty(z.coerce.number().int().min(60).max(86_400)),
  // Open event streams (/api/events) one instance accepts, in all and from one client address;
  // beyond either a new stream answers 429 (docs/operations.md, "Event streams").
  EVENT_STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  EVENT_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  // How many reverse proxies in front of the app append to X-Forwarded-For (see docs/operations.md, Proxies).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Outgoing mail (sign-up confirmation, password reset): an smtp:// or smtps:// URL with its
  // credentials, e.g. smtps://user:pass@smtp.example.com:465. Required in production;
  // `npm run dev` starts a local mail catcher and sets it.
  SMTP_URL: unsetIfEmpty(z.string().regex(/^smtps?:\/\/\S+$/, "must be an smtp:// or smtps:// URL")),
  // The From: of every mail.
  MAIL_FROM: z.string().min(3).default("Meetcute <hello@meetcute.invalid>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** An optional variable, where `NAME=` (empty) counts as unset. */
function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
}

function base64url(bytes: number, what: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `must be base64url: ${what}`)
    .refine((v) => Buffer.from(v, "base64url").length === bytes, `must be ${what}`);
}

const vapidVariables = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid server configuration: ${issues}`);
  }
  const vapidSet = vapidVariables.filter((k) => parsed.data[k] !== undefined);
  if (vapidSet.length > 0 && vapidSet.length < vapidVariables.length) {
    throw new Error(`Invalid server configuration: set all of ${vapidVariables.join(", ")} or none (only ${vapidSet.join(", ")} is set)`);
  }
  // `next build` runs in production mode too but signs nothing; the secret is a runtime need.
  if (parsed.data.NODE_ENV === "production" && !isBuilding() && !parsed.data.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
  // Sign-up and password reset send mail: a production server without a way to send it would
  // leave every new member unconfirmed and every forgotten password lost.
  if (parsed.data.NODE_ENV === "production" && !isBuilding() && !parsed.data.SMTP_URL) {
    throw new Error("SMTP_URL must be set in production (the SMTP server that sends Meetcute's mail)");
  }
  const urlProblem = nextAuthUrlProblem({ ...parsed.data, building: isBuilding() });
  if (urlProblem) throw new Error(urlProblem);
  cached = parsed.data;
  return cached;
}

/** The secret that signs session tokens (validated above; dev and tests get a local one). */
export function authSecret(): string {
  if (process.env.NODE_ENV === "production" && !isBuilding() && !process.env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
  return sessionSecret();
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Without an https:// NEXTAUTH_URL next-auth issues the session cookie without `Secure`, so a
 * production server refuses to start. The one exception is a loopback URL with the explicit
 * ALLOW_INSECURE_LOCALHOST=1 — a production build served on this machine only (the journeys);
 * no real host is ever allowed over plain HTTP. Development and tests need nothing.
 */
export function nextAuthUrlProblem(cfg: {
  NODE_ENV: Env["NODE_ENV"];
  NEXTAUTH_URL?: string;
  ALLOW_INSECURE_LOCALHOST?: string;
  building: boolean;
}): string | null {
  if (cfg.NODE_ENV !== "production" || cfg.building) return null;
  if (!cfg.NEXTAUTH_URL) return "NEXTAUTH_URL must be set in production (the site's https:// URL)";
  let url: URL;
  try {
    url = new URL(cfg.NEXTAUTH_URL);
  } catch {
    return `NEXTAUTH_URL must be the site's https:// URL, not "${cfg.NEXTAUTH_URL}"`;
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) {
    return cfg.ALLOW_INSECURE_LOCALHOST === "1"
      ? null
      : "NEXTAUTH_URL is plain HTTP: use https://, or set ALLOW_INSECURE_LOCALHOST=1 to serve on this machine only";
  }
  return `NEXTAUTH_URL must be the site's https:// URL, not "${cfg.NEXTAUTH_URL}"`;
}

function isBuilding() {
  return process.env.NEXT_PHASE === "phase-production-build";
}
