// The fuzz suite's harness (app/api/fuzz-*.integration.test.ts): a fresh world of members and matches per
// run, requests sent to the real route handlers, and the database read after every step — a
// snapshot of everything the API can change, and the invariants that must always hold.
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { transaction, settleBackgroundEffects } from "@/lib/db/transaction";
import { resolveExpired } from "@/lib/calls/expiry";
import { settlePresence } from "@/lib/calls/presence";
import { setClock } from "@/lib/clock";
import { sessionCookie } from "@/test/http";
import { createMember } from "@/test/factories";
import { hashPassword } from "@/lib/auth/password";

/** Every seeded member's password, so DELETE /api/account can succeed (hashed once per file). */
export const WORLD_PASSWORD = "password123";
let worldPasswordHash: Promise<string> | undefined;

// ---------------------------------------------------------------------------------------------
// The clock: steps move it on (ring timeout, cap, heartbeat, rate-limit windows) without sleeping.

// Every run starts at the same instant, so a failing seed replays the same times.
const START = Date.UTC(2031, 0, 15, 9, 30);
let clockMs = START;
export const clock = {
  install: () => setClock(() => new Date(clockMs)),
  reset: () => {
    clockMs = START;
  },
  advance: (seconds: number) => {
    clockMs += seconds * 1000;
  },
  now: () => new Date(clockMs),
};

// ---------------------------------------------------------------------------------------------
// Requests.

export type Who = { id: number; role?: "member" | "admin" } | null;
type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

export type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "form"; entries: [string, string | { bytes: Uint8Array; type: string }][] };

export interface Request {
  as: Who;
  method: string;
  params: Record<string, string>;
  /** Already encoded: "?a=b". */
  query: string;
  body: Body;
  /** undefined: what our browser code sends (application/json on unsafe methods); null: none. */
  contentType?: string | null;
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  json: unknown;
  /** Set when the body was not JSON (photos, event streams). */
  contentType: string | null;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Signing a session cookie costs a key derivation and an encryption; one per caller is enough.
const cookies = new Map<string, Promise<string>>();
function cookieFor(who: NonNullable<Who>): Promise<string> {
  const key = `${who.id}:${who.role ?? "member"}`;
  if (!cookies.has(key)) cookies.set(key, sessionCookie(who));
  return cookies.get(key)!;
}

/** Sends one request to a route handler, in-process, as a browser with that session would. */
export async function send(handler: Handler, r: Request): Promise<Reply> {
  const headers: Record<string, string> = { ...r.headers };
  if (r.as) headers.cookie = await cookieFor(r.as);
  let body: BodyInit | undefined;
  if (r.body.kind === "json") body = JSON.stringify(r.body.value);
  else if (r.body.kind === "raw") body = r.body.text;
  else if (r.body.kind === "bytes") body = new Blob([r.body.bytes as Uint8Array<ArrayBuffer>]);
  else if (r.body.kind === "form") {
    const form = new FormData();
    for (const [name, value] of r.body.entries) {
      if (typeof value === "string") form.append(name, value);
      else form.append(name, new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: value.type }), "upload");
    }
    body = form;
  }
  // A FormData body brings its own multipart type (with the boundary) unless one is forced.
  const contentType = r.contentType === undefined ? (r.body.kind === "form" ? null : body !== undefined || UNSAFE.has(r.method) ? "application/json" : null) : r.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const req = new NextRequest(`http://localhost/api/fuzz${r.query}`, { method: r.method, headers, body });
  const abort = new AbortController();
  const res = await handler(req, { params: Promise.resolve(r.params) });
  const type = res.headers.get("content-type");
  if (type?.startsWith("text/event-stream")) {
    abort.abort();
    await res.body?.cancel();
    return { status: res.status, json: undefined, contentType: type };
  }
  const text = await res.text();
  if (!type?.startsWith("application/json")) return { status: res.status, json: undefined, contentType: type };
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json, contentType: type };
}

// ---------------------------------------------------------------------------------------------
// The world: five members with matches in every state, a stranger, a banned member and an admin.

export interface World {
  members: { id: number }[];
  stranger: { id: number };
  banned: { id: number };
  admin: { id: number; role: "admin" };
}

const TABLES = ["CallSignal", "Report", "Block", "AuditLog", "CallSession", "Match", "PushSubscription", "Photo", "Profile", "RateLimit", "WebhookReceipt", "User"];

/** Empties this test file's own database (each file gets a clone) and seeds a new world. */
export async function freshWorld(): Promise<World> {
  await settleBackgroundEffects();
  // The audit log refuses deletes (a trigger keeps it append-only); this throwaway database
  // lifts that for one transaction, so each run starts empty. (DELETE: much faster than
  // TRUNCATE on tables this small.)
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`),
    ...TABLES.map((t) => prisma.$executeRawUnsafe(`DELETE FROM "${t}"`)),
    prisma.$executeRawUnsafe(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`),
  ]);
  const at = clock.now();
  const member = (name: string, gender: "woman" | "man" | "nonbinary", interestedIn: ("woman" | "man" | "nonbinary")[]) =>
    createMember({ name, gender, interestedIn, lastActiveAt: at });
  const members = [
    await member("Ana", "woman", ["man"]),
    await member("Ben", "man", ["woman"]),
    await member("Cleo", "woman", ["man", "nonbinary"]),
    await member("Dan", "man", ["woman"]),
    await member("Eli", "nonbinary", ["woman", "man", "nonbinary"]),
  ];
  const stranger = await member("Sam", "man", ["woman"]);
  const banned = await member("Bo", "man", ["woman"]);
  const admin = await createMember({ name: "Root", role: "admin", lastActiveAt: at });
  const [ana, ben, cleo, dan, eli] = members;

  const ago = (s: number) => new Date(at.getTime() - s * 1000);
  const match = async (x: { id: number }, y: { id: number }, status: "pending" | "awaiting_decision" | "matched" | "passed" | "unmatched", decisions: { [id: number]: "like" | "pass" } = {}) => {
    const [a, b] = [x.id, y.id].sort((p, q) => p - q);
    const m = await prisma.match.create({
      data: {
        userAId: a,
        userBId: b,
        status,
        createdAt: ago(3600),
        decisionA: decisions[a] ?? null,
        decisionB: decisions[b] ?? null,
        decidedAAt: decisions[a] ? ago(60) : null,
        decidedBAt: decisions[b] ? ago(60) : null,
        closedAt: status === "matched" || status === "passed" || status === "unmatched" ? ago(60) : null,
        closedById: status === "unmatched" ? a : null,
      },
    });
    if (status !== "pending") {
      // The connected first call that every state past `pending` needs.
      await prisma.callSession.create({
        data: {
          matchId: m.id,
          callerId: a,
          calleeId: b,
          kind: "first",
          status: "completed",
          createdAt: ago(600),
          answeredAt: ago(590),
          endedAt: ago(530),
          endReason: "cap",
          capSeconds: 60,
          callerMediaAt: ago(585),
        },
      });
    }
    return m;
  };
  await match(ana, ben, "pending");
  await match(ana, dan, "matched", { [ana.id]: "like", [dan.id]: "like" });
  await match(cleo, ben, "awaiting_decision");
  await match(cleo, dan, "awaiting_decision", { [cleo.id]: "like" });
  await match(ben, dan, "passed", { [ben.id]: "like", [dan.id]: "pass" });
  await match(eli, ana, "pending");
  await match(eli, cleo, "matched", { [eli.id]: "like", [cleo.id]: "like" });
  await match(eli, ben, "unmatched");
  await match(banned, cleo, "pending");
  await match(banned, ana, "matched", { [banned.id]: "like", [ana.id]: "like" });
  await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: ago(30), banReason: "seeded" } });
  worldPasswordHash ??= hashPassword(WORLD_PASSWORD);
  await prisma.user.updateMany({ data: { passwordHash: await worldPasswordHash } });
  return { members, stranger, banned, admin: { id: admin.id, role: "admin" } };
}

// ---------------------------------------------------------------------------------------------
// The database as the fuzz sees it.

export interface State {
  /** Everything a request can change, as JSON text (compared whole). */
  text: string;
  matches: { id: number; userAId: number; userBId: number; status: string }[];
  /** Live sessions first, then the newest: small indexes reach the interesting ones. */
  sessions: { id: string; matchId: number; callerId: number; calleeId: number; status: string }[];
  users: { id: number }[];
  reports: { id: number }[];
  photos: { name: string }[];
  /** Sign-in sessions (devices). */
  devices: { id: string; userId: number }[];
}

const SNAPSHOT = `SELECT json_build_object(
  'users', (SELECT coalesce(json_agg(json_build_object('id', id, 'email', email, 'role', role, 'bannedAt', "bannedAt", 'banReason', "banReason", 'dndUntil', "dndUntil", 'emailVerifiedAt', "emailVerifiedAt", 'passwordHash', "passwordHash", 'deletedAt', "deletedAt") ORDER BY id), '[]') FROM "User"),
  -- Only revocations: the harness itself signs callers in (a new session) before their requests.
  'revokedSessions', (SELECT coalesce(json_agg(json_build_object('id', id, 'userId', "userId", 'revokedAt', "revokedAt") ORDER BY id), '[]') FROM "SignInSession" WHERE "revokedAt" IS NOT NULL),
  'accountTokens', (SELECT coalesce(json_agg(to_jsonb(t) ORDER BY "tokenHash"), '[]') FROM "AccountToken" t),
  'profiles', (SELECT coalesce(json_agg(to_jsonb(p) - 'updatedAt' ORDER BY "userId"), '[]') FROM "Profile" p),
  'photos', (SELECT coalesce(json_agg(to_jsonb(p) - 'bytes' ORDER BY name), '[]') FROM "Photo" p),
  'matches', (SELECT coalesce(json_agg(to_jsonb(m) - 'updatedAt' ORDER BY id), '[]') FROM "Match" m),
  -- Without the vouches (…SeenBy): which instance holds a member's check-ins is bookkeeping that
  -- every request settles by time (lib/calls/presence.ts releases the silent), not state a request
  -- owns. The seed that found it: a refused start-call whose settling released a member of a call
  -- already due to end (FUZZ_SEED=1009357234). …SeenAt stays: a release must not move the rules.
  'sessions', (SELECT coalesce(json_agg(to_jsonb(s) - 'callerSeenBy' - 'calleeSeenBy' ORDER BY (s.status IN ('ringing', 'active')) DESC, "createdAt" DESC, id), '[]') FROM "CallSession" s),
  'signals', (SELECT coalesce(json_agg(to_jsonb(x) ORDER BY id), '[]') FROM "CallSignal" x),
  'blocks', (SELECT coalesce(json_agg(to_jsonb(b) ORDER BY "blockerId", "blockedId"), '[]') FROM "Block" b),
  'reports', (SELECT coalesce(json_agg(to_jsonb(r) ORDER BY id), '[]') FROM "Report" r),
  'audit', (SELECT coalesce(json_agg(to_jsonb(a) ORDER BY id), '[]') FROM "AuditLog" a),
  'push', (SELECT coalesce(json_agg(to_jsonb(p) - 'lastUsedAt' ORDER BY id), '[]') FROM "PushSubscription" p),
  'receipts', (SELECT count(*) FROM "WebhookReceipt")
)::text AS snapshot`;

class Rollback extends Error {}

/**
 * The state with every due time rule applied (ring timeouts, caps, vanished members), read in a
 * transaction that is then rolled back. A refused request may apply due rules on its way (any
 * lifecycle read does), which is not a change of its own: comparing states with the rules
 * applied on both sides tells that apart from a real change.
 *
 * First, this instance's presence is brought up to the fake clock (lib/calls/presence.ts): in a
 * running instance a timer releases silent members and writes its heartbeat every 5 s of real
 * time, and the fake clock jumps without it. Without this, a clock move of 31 s left a member
 * vouched for with a stale heartbeat, and the next (refused) request's own settle released them,
 * made the vanish rule due and ended the call: the request was blamed for the timer's write.
 */
export async function readState(): Promise<State> {
  await settlePresence();
  let text = "";
  try {
    await transaction(async (tx) => {
      await resolveExpired(tx);
      text = (await tx.$queryRawUnsafe<{ snapshot: string }[]>(SNAPSHOT))[0].snapshot;
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const data = JSON.parse(text);
  const devices = await prisma.signInSession.findMany({ where: { revokedAt: null }, select: { id: true, userId: true }, orderBy: { id: "asc" } });
  return { text, matches: data.matches, sessions: data.sessions, users: data.users, reports: data.reports, photos: data.photos, devices };
}

/** A readable account of what changed between two states, for a failure message. */
export function describeChange(before: State, after: State): string {
  const a = JSON.parse(before.text);
  const b = JSON.parse(after.text);
  const lines: string[] = [];
  for (const key of Object.keys(b)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) lines.push(`${key}:\n  before ${JSON.stringify(a[key])}\n  after  ${JSON.stringify(b[key])}`);
  }
  return lines.join("\n");
}

/**
 * The invariants, read from the committed database: each query names what breaks one. Empty
 * when all hold.
 */
const INVARIANTS: [string, string][] = [
  [
    "at most one ringing or active session per match",
    `SELECT "matchId" AS id FROM "CallSession" WHERE status IN ('ringing', 'active') GROUP BY "matchId" HAVING count(*) > 1`,
  ],
  [
    "a member is never in two active calls",
    `SELECT u AS id FROM (SELECT "callerId" AS u FROM "CallSession" WHERE status = 'active'
       UNION ALL SELECT "calleeId" FROM "CallSession" WHERE status = 'active') x GROUP BY u HAVING count(*) > 1`,
  ],
  [
    "a decision (or any state past pending) only after a connected first call",
    `SELECT m.id FROM "Match" m
     WHERE (m."decisionA" IS NOT NULL OR m."decisionB" IS NOT NULL OR m.status IN ('awaiting_decision', 'matched', 'passed'))
       AND NOT EXISTS (SELECT 1 FROM "CallSession" s WHERE s."matchId" = m.id AND s.kind = 'first' AND s.status = 'completed')`,
  ],
  [
    "at most one connected first call per match",
    `SELECT "matchId" AS id FROM "CallSession" WHERE kind = 'first' AND status = 'completed' GROUP BY "matchId" HAVING count(*) > 1`,
  ],
  [
    "matched exactly when both liked",
    `SELECT id FROM "Match" WHERE (status = 'matched') <> ("decisionA" = 'like' AND "decisionB" = 'like' AND status NOT IN ('unmatched', 'blocked'))
       OR (status = 'matched' AND ("decisionA" IS NULL OR "decisionB" IS NULL))`,
  ],
  [
    "passed exactly when both decided and one passed",
    `SELECT id FROM "Match" WHERE (status = 'passed') <> ("decisionA" IS NOT NULL AND "decisionB" IS NOT NULL
       AND ('pass' IN ("decisionA", "decisionB")) AND status NOT IN ('unmatched', 'blocked'))`,
  ],
  ["no decision on a pending match", `SELECT id FROM "Match" WHERE status = 'pending' AND ("decisionA" IS NOT NULL OR "decisionB" IS NOT NULL)`],
  [
    "a live session is a first call of a pending match or a repeat call of a mutual one",
    `SELECT s.id FROM "CallSession" s JOIN "Match" m ON m.id = s."matchId"
     WHERE s.status IN ('ringing', 'active') AND NOT ((s.kind = 'first' AND m.status = 'pending') OR (s.kind = 'repeat' AND m.status = 'matched'))`,
  ],
  [
    "a session is between its match's two members",
    `SELECT s.id FROM "CallSession" s JOIN "Match" m ON m.id = s."matchId"
     WHERE NOT (LEAST(s."callerId", s."calleeId") = m."userAId" AND GREATEST(s."callerId", s."calleeId") = m."userBId")`,
  ],
  [
    "no live session with a banned member",
    `SELECT s.id FROM "CallSession" s JOIN "User" u ON u.id IN (s."callerId", s."calleeId")
     WHERE s.status IN ('ringing', 'active') AND u."bannedAt" IS NOT NULL`,
  ],
  [
    "an ended session has its end time, a live one has none",
    `SELECT id FROM "CallSession" WHERE (status IN ('ringing', 'active')) = ("endedAt" IS NOT NULL)
       OR (status IN ('active', 'completed', 'failed')) <> ("answeredAt" IS NOT NULL)`,
  ],
  [
    "a blocked match has its block",
    `SELECT m.id FROM "Match" m WHERE m.status = 'blocked' AND NOT EXISTS (
       SELECT 1 FROM "Block" b WHERE b."blockerId" = m."closedById" AND b."blockedId" IN (m."userAId", m."userBId") AND b."blockedId" <> m."closedById")`,
  ],
  [
    "a deleted member has no profile, photos, devices, password, usable email, sign-in session or live calls",
    `SELECT u.id FROM "User" u WHERE u."deletedAt" IS NOT NULL AND (
       u."passwordHash" <> '' OR u.email NOT LIKE '%@deleted.invalid'
       OR EXISTS (SELECT 1 FROM "Profile" p WHERE p."userId" = u.id)
       OR EXISTS (SELECT 1 FROM "Photo" p WHERE p."ownerId" = u.id)
       OR EXISTS (SELECT 1 FROM "PushSubscription" p WHERE p."userId" = u.id)
       OR EXISTS (SELECT 1 FROM "SignInSession" x WHERE x."userId" = u.id AND x."revokedAt" IS NULL)
       OR EXISTS (SELECT 1 FROM "CallSession" s WHERE s.status IN ('ringing', 'active') AND u.id IN (s."callerId", s."calleeId")))`,
  ],
  [
    "a deleted member has no pending or undecided match",
    `SELECT m.id FROM "Match" m JOIN "User" u ON u.id IN (m."userAId", m."userBId")
     WHERE u."deletedAt" IS NOT NULL AND m.status IN ('pending', 'awaiting_decision')`,
  ],
  ["account tokens are stored hashed (sha256 hex), never as the token itself", `SELECT "tokenHash" AS id FROM "AccountToken" WHERE "tokenHash" !~ '^[0-9a-f]{64}$'`],
  ["at most one usable account token per member and purpose", `SELECT "userId" AS id FROM "AccountToken" WHERE "usedAt" IS NULL GROUP BY "userId", purpose HAVING count(*) > 1`],
  ["nobody with an unconfirmed email ever started a call", `SELECT s.id FROM "CallSession" s JOIN "User" u ON u.id = s."callerId" WHERE u."emailVerifiedAt" IS NULL`],
  ["signals only on live sessions", `SELECT DISTINCT x."sessionId" AS id FROM "CallSignal" x JOIN "CallSession" s ON s.id = x."sessionId" WHERE s.status NOT IN ('ringing', 'active')`],
];

const INVARIANTS_SQL = INVARIANTS.map(([, sql], i) => `(SELECT ${i} AS rule, q.id::text AS id FROM (${sql}) q)`).join("\nUNION ALL\n");

export async function brokenInvariants(): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ rule: number; id: string }[]>(INVARIANTS_SQL);
  const broken = new Map<number, string[]>();
  for (const r of rows) broken.set(r.rule, [...(broken.get(r.rule) ?? []), r.id]);
  return [...broken].map(([rule, ids]) => `${INVARIANTS[rule][0]}: ${ids.join(", ")}`);
}

/**
 * "Nobody else's rows were lost": rows that were in `before` and are not in `after`, other than
 * the ones a step may remove. Shared rows (members, matches, calls, blocks, reports, the audit
 * log) never disappear, whoever acted — a deletion anonymises, it does not delete. A profile goes
 * only with its account's deletion; a photo or a push device only by its owner's own request or
 * their account's deletion.
 */
export function lostRows(before: State, after: State, actors: number[]): string[] {
  const a = JSON.parse(before.text);
  const b = JSON.parse(after.text);
  const deletedNow = new Set<number>(b.users.filter((u: { deletedAt: string | null }) => u.deletedAt).map((u: { id: number }) => u.id));
  const lost: string[] = [];
  const compare = <T>(table: string, key: (row: T) => string, allowed: (row: T) => boolean = () => false) => {
    const kept = new Set((b[table] as T[]).map(key));
    for (const row of a[table] as T[]) if (!kept.has(key(row)) && !allowed(row)) lost.push(`${table} ${key(row)}`);
  };
  type Row = Record<string, unknown>;
  for (const table of ["users", "matches", "sessions", "reports", "audit"]) compare<Row>(table, (r) => String(r.id));
  compare<Row>("blocks", (r) => `${r.blockerId}-${r.blockedId}`);
  compare<Row>("profiles", (r) => String(r.userId), (r) => deletedNow.has(r.userId as number));
  const ownersMove = (owner: number) => deletedNow.has(owner) || actors.includes(owner);
  compare<Row>("photos", (r) => String(r.name), (r) => ownersMove(r.ownerId as number));
  compare<Row>("push", (r) => String(r.id), (r) => ownersMove(r.userId as number));
  return lost;
}
