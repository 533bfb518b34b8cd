import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/server/process-singleton";
import { INSTANCE_HEARTBEAT_SECONDS, LIVE_STATUSES_SQL, ts } from "@/lib/calls/time-rules";
import { HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";

// Presence without a database write per check-in (docs/architecture.md, "Presence").
//
// The call page checks in every 1.5 s. The instance that answers a member's check-in keeps it in
// memory and, the first time, *vouches* for the member: it writes its own id into the session's
// `callerSeenBy`/`calleeSeenBy` with the check-in time. From then on that member's check-ins on
// any instance write nothing while nothing changes. The vouching instance writes its `aliveAt`
// (AppInstance) every few seconds, whoever it vouches for, and releases a member it has not heard
// from for RELEASE_AFTER_SECONDS: it writes their last check-in into `…SeenAt` and clears the
// vouch. So the vanish rule reads, per member:
//
//   last seen = …SeenAt                                   when nobody vouches (released, never vouched)
//             = max(…SeenAt, vouching instance's aliveAt + INSTANCE_HEARTBEAT_SECONDS)   otherwise
//
// A released member's last seen is their exact last check-in (the one the vouching instance
// held), so the call ends exactly as before: HEARTBEAT_TIMEOUT_SECONDS after it, at it. A vouched
// member is present while the instance holding their check-ins lives; if it dies, its aliveAt
// stops, and the member counts as last seen when it could last have heard them (its last
// heartbeat plus one interval): a crash never ends a call sooner than the old rule would, and
// another instance answering the member's next check-in takes the vouch over
// (TAKE_OVER_AFTER_SECONDS after the dead one's last heartbeat, well before the call could end).

/** A vouching instance releases a member silent this long (a third of the vanish window). */
export const RELEASE_AFTER_SECONDS = HEARTBEAT_TIMEOUT_SECONDS / 3;
/** Another instance whose aliveAt is this old is taken for dead: its vouches are taken over. */
export const TAKE_OVER_AFTER_SECONDS = 3 * INSTANCE_HEARTBEAT_SECONDS;
/** How long to keep other instances' rows (a restart leaves the old id's row behind). */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

export type Role = "caller" | "callee";

interface Seen {
  sessionId: string;
  role: Role;
  /** This member's last check-in on this instance (ms on lib/clock). */
  lastSeen: number;
  /** This instance's id is in the member's SeenBy column (as far as it knows). */
  vouched: boolean;
}

// One state per process (lib/server/process-singleton.ts): instrumentation.ts (the periodic
// settle, the release at shutdown) and the route handlers (check-ins) must agree on one instance
// id and one set of members seen.
interface PresenceState {
  instanceId: string;
  seen: Map<string, Seen>;
  /** When the next member could be due for release (ms), so a check-in rarely scans. */
  nextRelease: number;
  /** When this instance last wrote its aliveAt (ms on lib/clock); -Infinity: no row yet. */
  aliveWritten: number;
  /** Other instances' aliveAt as last read (ms), and when it was read. */
  others: Map<string, number>;
  othersRead: number;
  settling: Promise<void> | null;
  /** The instance is draining: it vouches for nobody any more (see stopVouching). */
  stopping: boolean;
}
const state = processSingleton<PresenceState>("presence", () => ({
  instanceId: randomUUID(),
  seen: new Map(),
  nextRelease: Infinity,
  aliveWritten: -Infinity,
  others: new Map(),
  othersRead: -Infinity,
  settling: null,
  stopping: false,
}));

export function thisInstanceId(): string {
  return state.instanceId;
}

/** The id a check-in's write names as vouching: this instance, or nobody once it drains. */
export function vouchingId(): string | null {
  return state.stopping ? null : state.instanceId;
}

const key = (sessionId: string, role: Role) => `${sessionId}:${role}`;

/**
 * The moment a vouch by `by` keeps a member present until, as this instance knows it (ms), or
 * null for none. Never later than the database's view (a cached aliveAt is only older), so a
 * deadline computed from it is early, never late.
 */
export function vouchedUntil(by: string | null): number | null {
  if (by === null) return null;
  const alive = by === state.instanceId ? state.aliveWritten : state.others.get(by);
  return alive === undefined || alive === -Infinity ? null : alive + INSTANCE_HEARTBEAT_SECONDS * 1000;
}

/** Whether a vouch by `by` still holds at `t`: ours, or an instance that heartbeats. */
function vouchHolds(by: string | null, t: number): boolean {
  if (by === null) return false;
  if (by === state.instanceId) return true;
  const alive = state.others.get(by);
  return alive !== undefined && t - alive < TAKE_OVER_AFTER_SECONDS * 1000;
}

/**
 * Records a member's check-in on this instance and says whether the database must hear of it:
 * true when nobody (alive) vouches for them, which the check-in's write then fixes by naming
 * this instance. Call `vouched()` once that write committed.
 */
export function noteCheckIn(sessionId: string, role: Role, by: string | null, at: Date): { vouch: boolean } {
  // Draining: every check-in is written as it comes, vouched by nobody (its exact time is the
  // member's last seen), and nothing is held here for a release that has already run.
  if (state.stopping) return { vouch: true };
  const t = at.getTime();
  const entry = state.seen.get(key(sessionId, role));
  const mine = by === state.instanceId;
  if (entry) {
    entry.lastSeen = t;
    entry.vouched = mine;
  } else {
    state.seen.set(key(sessionId, role), { sessionId, role, lastSeen: t, vouched: mine });
  }
  state.nextRelease = Math.min(state.nextRelease, t + RELEASE_AFTER_SECONDS * 1000);
  return { vouch: !vouchHolds(by, t) };
}

/** The check-in's write named this instance. */
export function vouched(sessionId: string, role: Role): void {
  if (state.stopping) return;
  const entry = state.seen.get(key(sessionId, role));
  if (entry) entry.vouched = true;
}

/** The session is over: nothing of it to keep or release. */
export function forgetSession(sessionId: string): void {
  state.seen.delete(key(sessionId, "caller"));
  state.seen.delete(key(sessionId, "callee"));
}

/**
 * Brings this instance's part of presence up to `now()`: releases members silent for
 * RELEASE_AFTER_SECONDS (writing their last check-in), then writes this instance's aliveAt if it
 * is due, in that order, so an aliveAt never vouches for a member already silent too long. Runs
 * on a timer (startPresence) and before every evaluation of the vanish rule on this instance
 * (check-in, sweeper, a call's steps), so it holds on a clock that tests move. Cheap when nothing
 * is due: two comparisons.
 */
export async function settlePresence(): Promise<void> {
  const t = now().getTime();
  if (t < state.nextRelease && !(state.seen.size > 0 && heartbeatDue(t))) return;
  // One settling at a time; a caller arriving meanwhile waits for it (its outcome holds for both).
  while (state.settling) await state.settling;
  state.settling = (async () => {
    if (t >= state.nextRelease) await releaseSilent(t);
    if (state.seen.size > 0 && !state.stopping && heartbeatDue(t)) await heartbeat(t);
  })().finally(() => (state.settling = null));
  await state.settling;
}

/** Before vouching: the row others read our liveness from must exist and be fresh. */
export async function ensureAlive(): Promise<void> {
  const t = now().getTime();
  if (!state.stopping && heartbeatDue(t)) await heartbeat(t);
}

/** A heartbeat interval has passed since our last aliveAt (or the clock went back past it: tests move it). */
function heartbeatDue(t: number): boolean {
  return t - state.aliveWritten >= INSTANCE_HEARTBEAT_SECONDS * 1000 || t < state.aliveWritten;
}

/**
 * Other instances' liveness, refreshed if older than a heartbeat or if `by` is unknown (at most
 * once a second for that), so a check-in can tell a live vouch from a dead one.
 */
export async function knowInstance(by: string | null): Promise<void> {
  if (by === null || by === state.instanceId) return;
  const t = now().getTime();
  const age = t - state.othersRead;
  if (age >= 0 && age < (state.others.has(by) ? INSTANCE_HEARTBEAT_SECONDS * 1000 : 1000)) return;
  await readOthers(t);
}

async function heartbeat(t: number): Promise<void> {
  const rows = await prisma.$queryRaw<{ id: string; aliveAt: Date }[]>`
    WITH mine AS (
      INSERT INTO "AppInstance" (id, "startedAt", "aliveAt") VALUES (${state.instanceId}::uuid, ${ts(new Date(t))}, ${ts(new Date(t))})
      ON CONFLICT (id) DO UPDATE SET "aliveAt" = EXCLUDED."aliveAt"
    )
    SELECT id::text AS id, "aliveAt" FROM "AppInstance" WHERE id <> ${state.instanceId}::uuid AND "aliveAt" > ${ts(new Date(t - PRUNE_AFTER_MS))}`;
  state.aliveWritten = t;
  state.others = new Map(rows.map((r) => [r.id, r.aliveAt.getTime()]));
  state.othersRead = t;
}

async function readOthers(t: number): Promise<void> {
  const rows = await prisma.$queryRaw<{ id: string; aliveAt: Date }[]>`
    SELECT id::text AS id, "aliveAt" FROM "AppInstance" WHERE id <> ${state.instanceId}::uuid AND "aliveAt" > ${ts(new Date(t - PRUNE_AFTER_MS))}`;
  state.others = new Map(rows.map((r) => [r.id, r.aliveAt.getTime()]));
  state.othersRead = t;
}

/** Writes the last check-in of every member silent since `t − RELEASE_AFTER_SECONDS`, and drops them. */
async function releaseSilent(t: number): Promise<void> {
  const cutoff = t - RELEASE_AFTER_SECONDS * 1000;
  const silent = [...state.seen.values()].filter((s) => s.lastSeen <= cutoff);
  await release(silent);
  state.nextRelease = Infinity;
  for (const s of state.seen.values()) state.nextRelease = Math.min(state.nextRelease, s.lastSeen + RELEASE_AFTER_SECONDS * 1000);
}

/**
 * One statement per member released: their last check-in into SeenAt (never moving it back), and
 * the vouch cleared if it was ours. A member another instance vouches for is written only if this
 * instance heard them later than the row says (check-ins spread over instances).
 */
async function release(entries: Seen[]): Promise<void> {
  for (const s of entries) {
    const seenAt = Prisma.raw(`"${s.role}SeenAt"`);
    const seenBy = Prisma.raw(`"${s.role}SeenBy"`);
    const last = ts(new Date(s.lastSeen));
    try {
      await prisma.$executeRaw`
        UPDATE "CallSession"
        SET ${seenAt} = GREATEST(${seenAt}, ${last}),
            ${seenBy} = CASE WHEN ${seenBy} = ${state.instanceId}::uuid THEN NULL ELSE ${seenBy} END
        WHERE id = ${s.sessionId}::uuid AND status IN (${LIVE_STATUSES_SQL})
          AND (${seenBy} = ${state.instanceId}::uuid OR ${seenAt} IS NULL OR ${seenAt} < ${last})`;
      state.seen.delete(key(s.sessionId, s.role));
    } catch (err) {
      // Kept: the next settle tries again; meanwhile our aliveAt still vouches for them.
      log.warn({ err, sessionId: s.sessionId }, "could not release a member's presence");
    }
  }
}

/**
 * Graceful shutdown: this instance stops vouching and gives every member it holds back at once,
 * so nobody waits for our aliveAt to go stale (TAKE_OVER_AFTER_SECONDS) before another instance
 * takes them over.
 *
 * A draining instance still answers requests that reach it on open keep-alive connections until
 * `next start` has closed them, and a call page checks in every 1.5 s: an app-restart run saw such a
 * check-in vouch for the member again *after* the release, and the restarted instance then waited
 * for the old aliveAt to go stale. So, in this order: from now on a check-in here writes its exact
 * time and names nobody (vouchingId, noteCheckIn); every held member is released; and once all are,
 * this instance's AppInstance row is deleted, so a vouch a write already in flight still made reads
 * as "nobody" (last seen = the stored check-in, which that same write made exact) everywhere.
 * If a release failed, the row stays: our last aliveAt still vouches for those members until it
 * goes stale, never less than the old rule gave them.
 */
export async function stopVouching(): Promise<void> {
  state.stopping = true;
  await release([...state.seen.values()]);
  if (state.seen.size > 0) return;
  try {
    await prisma.$executeRaw`DELETE FROM "AppInstance" WHERE id = ${state.instanceId}::uuid`;
  } catch (err) {
    log.warn({ err }, "could not retire this instance's presence row");
  }
}

/**
 * The periodic half: settles every heartbeat interval (real time), so an instance vouches and
 * releases with or without traffic. Returns the stop function (graceful shutdown: it releases
 * every member held here, so their calls' vanish rule reads exact check-ins at once).
 */
export function startPresence(): () => Promise<void> {
  const timer = setInterval(() => {
    settlePresence().catch((err) => log.warn({ err }, "presence settle failed"));
  }, INSTANCE_HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await stopVouching();
  };
}

/** For tests: what this instance holds. */
export function presenceState() {
  return { instanceId: state.instanceId, members: state.seen.size, aliveWritten: state.aliveWritten };
}
