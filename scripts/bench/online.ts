// The online load model (`--only=online`, issue 22): N members online at once, each as a real
// page behaves — an open event stream, the safety poll of GET /api/video/pending-calls, and calls
// started at a stated rate per member: a ring (timed from the start-call request to the callee's
// `call.ringing` on their stream), answered after a short ring, then both call pages checking in
// every 1.5 s with their media report (as lib/calls/browser/use-call-session.ts does) for a drawn
// length, then hung up. Each step records every request's latency, errors, ring latency, RSS of
// the servers, CPU of the servers, PostgreSQL and this load generator, and database writes/s.
import { setMaxListeners } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { api, ApiError, startCall } from "./client";
import { openEventStream, type EventStream } from "./sse";
import type { Pair } from "./seed";
import { quantile } from "./stats";

export interface OnlineModel {
  /** Seconds between one member's safety polls (the page's rate with the stream healthy). */
  pollSeconds: number;
  /** Calls a member starts per minute, on average (Poisson). */
  callsPerMemberPerMinute: number;
  /** Seconds the callee's phone rings before they answer. */
  ringSeconds: number;
  /** Mean talk time, seconds; each call's is drawn uniformly from half to one and a half times it. */
  callSeconds: number;
  /** The call page's check-in period, seconds. */
  checkInSeconds: number;
  /** Seconds of the step before figures are recorded (calls reach their steady number). */
  warmupSeconds: number;
  /** Seconds recorded per step. */
  seconds: number;
}

/** From the page's own constants: lib/calls/browser/use-call-session.ts and use-incoming-calls.ts. */
export const PAGE_MODEL = { pollSeconds: 20, checkInSeconds: 1.5 } as const;

type Kind = "start-call" | "join" | "end" | "check-in" | "poll";
const KINDS: Kind[] = ["start-call", "join", "end", "check-in", "poll"];

export interface OnlineStep {
  online: number;
  instances: number;
  seconds: number;
  requests: Record<Kind, { n: number; rps: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number }>;
  errors: number;
  error_samples: string[];
  calls_started: number;
  calls_per_second: number;
  in_call_mean: number;
  ring_n: number;
  ring_lost: number;
  ring_p50_ms: number;
  ring_p95_ms: number;
  streams_open: number;
  streams_dropped: number;
  rss_mb: number[];
  cpu_seconds: { servers: number; postgres: number; load_generator: number };
  cpu_share: { servers: number; postgres: number; load_generator: number };
  /**
   * How late the load generator's own event loop ran while recording. Every latency above is
   * measured in this one process, so a late loop adds to each of them: a step whose p99 here is
   * near the targets measured the generator as much as the server.
   */
  load_generator_loop_delay_ms: { p50: number; p99: number; max: number };
  db_rows_written_per_second: number;
  db_write_statements_per_second: number;
  db_commits_per_second: number;
  db_rows_written_by_table_per_second: Record<string, number>;
  pass: boolean;
  failed_because: string[];
}

export const ONLINE_TARGETS = { ringP95Ms: 250, requestP99Ms: 250 } as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const r1 = (n: number) => Math.round(n * 10) / 10;

/** CPU seconds (user + system) of a process and all its descendants, from /proc. */
function cpuOfTree(roots: number[]): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(f[1]));
      // utime, stime are fields 14 and 15 (1-based) of the whole line: 11 and 12 after the name.
      ticks.set(Number(entry), Number(f[11]) + Number(f[12]));
    } catch {
      // Exited while we looked.
    }
  }
  const tree = [...roots];
  for (let i = 0; i < tree.length; i++) for (const [p, pp] of parents) if (pp === tree[i] && !tree.includes(p)) tree.push(p);
  return tree.reduce((s, p) => s + (ticks.get(p) ?? 0), 0) / 100; // USER_HZ is 100 on Linux
}

/** The PostgreSQL server's processes: every process named postgres (the bench's own server; on a shared machine, say so). */
function postgresPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") out.push(Number(entry));
    } catch {
      // Exited.
    }
  }
  return out;
}

/** Rows written and write statements, from PostgreSQL's own counters for this database. */
async function dbCounters(db: pg.Client) {
  const tables = await db.query<{ relname: string; n: string }>(
    `SELECT relname, (n_tup_ins + n_tup_upd + n_tup_del)::text AS n FROM pg_stat_user_tables`,
  );
  const { rows } = await db.query<{ commits: string }>(`SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()`);
  const statements = await db
    .query<{ n: string }>(`SELECT COALESCE(sum(calls), 0)::text AS n FROM pg_stat_statements WHERE query ~* '^\\s*(insert|update|delete|with)'`)
    .then((r) => Number(r.rows[0].n))
    .catch(() => NaN); // pg_stat_statements is not loaded: rows written is the figure then
  return {
    byTable: Object.fromEntries(tables.rows.map((r) => [r.relname, Number(r.n)])),
    commits: Number(rows[0].commits),
    statements,
  };
}

/** Exponential draw with the given mean. */
const exp = (mean: number) => -Math.log(1 - Math.random()) * mean;

/**
 * One step of the model: `pairs.length * 2` members online on `bases` (streams and requests
 * spread over the instances), `model.warmupSeconds` of warm-up, then `model.seconds` recorded.
 */
export async function onlineStep(opts: { bases: string[]; serverPids: number[]; databaseUrl: string; pairs: Pair[]; model: OnlineModel; rssMb: (pid: number) => number }): Promise<OnlineStep> {
  const { bases, pairs, model } = opts;
  const members = pairs.flatMap((p) => [p.a, p.b]);
  const baseOf = (id: number) => bases[id % bases.length];
  const lat: Record<Kind, number[]> = { "start-call": [], join: [], end: [], "check-in": [], poll: [] };
  const errs: Record<Kind, number> = { "start-call": 0, join: 0, end: 0, "check-in": 0, poll: 0 };
  const errorSamples: string[] = [];
  const rings: number[] = [];
  let ringLost = 0;
  let callsStarted = 0;
  let inCall = 0;
  const inCallSamples: number[] = [];
  let recording = false;
  let stopping = false;
  // A loop's wait, cut short when the step stops: a pair's next call can be minutes away, and
  // those timers, left running, kept the bench process alive long after it wrote its results.
  const stop = new AbortController();
  // Every member's waits listen on it at once: thousands of listeners are the design, not a leak.
  setMaxListeners(0, stop.signal);
  const pause = (ms: number) => delay(ms, undefined, { signal: stop.signal }).catch(() => undefined);

  const timed = async <T>(kind: Kind, fn: () => Promise<T>): Promise<T | null> => {
    const t = performance.now();
    try {
      const out = await fn();
      if (recording) lat[kind].push(performance.now() - t);
      return out;
    } catch (e) {
      if (recording && !stopping) {
        errs[kind]++;
        if (errorSamples.length < 10) errorSamples.push(`${kind}: ${e instanceof ApiError ? `${e.status} ${e.body.slice(0, 120)}` : String(e).slice(0, 160)}`);
      }
      return null;
    }
  };

  // Streams first, 50 handshakes at a time, each on its member's instance.
  const streams = new Map<number, EventStream>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < members.length) {
        const id = members[next++];
        streams.set(id, await openEventStream(baseOf(id), id));
      }
    }),
  );

  const loops: Promise<void>[] = [];
  // The safety poll, every pollSeconds from a random phase.
  for (const id of members) {
    loops.push(
      (async () => {
        await pause(Math.random() * model.pollSeconds * 1000);
        while (!stopping) {
          await timed("poll", () => api(baseOf(id), id, "GET", "/api/video/pending-calls"));
          await pause(model.pollSeconds * 1000);
        }
      })(),
    );
  }

  /** One call page checking in every checkInSeconds until `until()` says stop. */
  const checkIns = async (id: number, sessionId: string, mediaAfterMs: number, until: () => boolean) => {
    const t0 = performance.now();
    while (!until() && !stopping) {
      const media = performance.now() - t0 >= mediaAfterMs ? "?media=connected" : "";
      const got = await timed("check-in", () => api<{ session: { status: string } }>(baseOf(id), id, "GET", `/api/video/sessions/${sessionId}${media}`));
      if (got && got.session.status !== "active" && got.session.status !== "ringing") return;
      await pause(model.checkInSeconds * 1000);
    }
  };

  // Calls: each pair starts one at the two members' combined rate while neither is in one.
  const perPairMeanSeconds = 60 / (2 * model.callsPerMemberPerMinute);
  for (const pair of pairs) {
    loops.push(
      (async () => {
        await pause(Math.random() * perPairMeanSeconds * 1000);
        while (!stopping) {
          const [caller, callee] = Math.random() < 0.5 ? [pair.a, pair.b] : [pair.b, pair.a];
          const sent = performance.now();
          const ringing = streams.get(callee);
          const started = await timed("start-call", () => startCall(baseOf(caller), caller, pair.matchId));
          if (started && !started.existing) {
            if (recording) callsStarted++;
            inCall += 2;
            let ended = false;
            // The callee's ring: from the start-call request to the event on their stream.
            const ring = ringing
              ? ringing.ringAt(started.session_id, 10_000).then(
                  (at) => recording && rings.push(Math.max(0, at - sent)),
                  () => recording && !stopping && ringLost++,
                )
              : Promise.resolve();
            const callerPage = checkIns(caller, started.session_id, 1_000 + model.ringSeconds * 1000, () => ended);
            await pause(model.ringSeconds * 1000);
            await ring;
            const joined = await timed("join", () => api(baseOf(callee), callee, "POST", `/api/video/sessions/${started.session_id}/join`));
            const calleePage = joined ? checkIns(callee, started.session_id, 1_000, () => ended) : Promise.resolve();
            await pause(model.callSeconds * (0.5 + Math.random()) * 1000);
            await timed("end", () => api(baseOf(caller), caller, "POST", `/api/video/sessions/${started.session_id}/end`, { reason: "hangup" }));
            ended = true;
            inCall -= 2;
            await Promise.all([callerPage, calleePage]);
          }
          await pause(exp(perPairMeanSeconds) * 1000);
        }
      })(),
    );
  }

  await sleep(model.warmupSeconds * 1000);
  const db = new pg.Client({ connectionString: opts.databaseUrl });
  await db.connect();
  const pgPids = postgresPids();
  const before = { db: await dbCounters(db), servers: cpuOfTree(opts.serverPids), postgres: cpuOfTree(pgPids), gen: process.cpuUsage(), at: performance.now() };
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  recording = true;
  const sampler = setInterval(() => inCallSamples.push(inCall), 1000);
  await sleep(model.seconds * 1000);
  recording = false;
  loopDelay.disable();
  clearInterval(sampler);
  const elapsed = (performance.now() - before.at) / 1000;
  const after = { db: await dbCounters(db), servers: cpuOfTree(opts.serverPids), postgres: cpuOfTree(pgPids), gen: process.cpuUsage(before.gen) };
  await db.end();
  const rss = opts.serverPids.map((pid) => r1(opts.rssMb(pid)));
  const dropped = [...streams.values()].filter((s) => s.closed).length;

  stopping = true;
  stop.abort();
  for (const s of streams.values()) s.close();
  // Calls in progress finish their hang-up; loops stop at their next turn.
  const grace = new AbortController();
  await Promise.race([Promise.all(loops), delay((model.callSeconds * 1.5 + model.ringSeconds + 5) * 1000, undefined, { signal: grace.signal }).catch(() => undefined)]);
  grace.abort();

  const written: Record<string, number> = {};
  for (const [table, n] of Object.entries(after.db.byTable)) {
    const d = n - (before.db.byTable[table] ?? 0);
    if (d > 0) written[table] = r1(d / elapsed);
  }
  const cpu = {
    servers: r1(after.servers - before.servers),
    postgres: r1(after.postgres - before.postgres),
    load_generator: r1((after.gen.user + after.gen.system) / 1e6),
  };
  const cpuTotal = cpu.servers + cpu.postgres + cpu.load_generator || 1;
  const requests = Object.fromEntries(
    KINDS.map((k) => [k, { n: lat[k].length, rps: r1(lat[k].length / elapsed), p50_ms: r1(quantile(lat[k], 0.5)), p95_ms: r1(quantile(lat[k], 0.95)), p99_ms: r1(quantile(lat[k], 0.99)), errors: errs[k] }]),
  ) as OnlineStep["requests"];
  const errors = KINDS.reduce((s, k) => s + errs[k], 0) + ringLost + dropped;
  const ringP95 = quantile(rings, 0.95);
  const failed: string[] = [];
  if (!(ringP95 <= ONLINE_TARGETS.ringP95Ms)) failed.push(`ring p95 ${r1(ringP95)} ms > ${ONLINE_TARGETS.ringP95Ms} ms`);
  for (const k of KINDS) if (lat[k].length && !(quantile(lat[k], 0.99) <= ONLINE_TARGETS.requestP99Ms)) failed.push(`${k} p99 ${r1(quantile(lat[k], 0.99))} ms > ${ONLINE_TARGETS.requestP99Ms} ms`);
  if (errors) failed.push(`${errors} errors (requests ${errors - ringLost - dropped}, rings lost ${ringLost}, streams dropped ${dropped})`);
  return {
    online: members.length,
    instances: bases.length,
    seconds: r1(elapsed),
    requests,
    errors,
    error_samples: errorSamples,
    calls_started: callsStarted,
    calls_per_second: r1(callsStarted / elapsed),
    in_call_mean: Math.round(inCallSamples.reduce((s, x) => s + x, 0) / Math.max(1, inCallSamples.length)),
    ring_n: rings.length,
    ring_lost: ringLost,
    ring_p50_ms: r1(quantile(rings, 0.5)),
    ring_p95_ms: r1(ringP95),
    streams_open: streams.size,
    streams_dropped: dropped,
    rss_mb: rss,
    cpu_seconds: cpu,
    load_generator_loop_delay_ms: { p50: r1(loopDelay.percentile(50) / 1e6), p99: r1(loopDelay.percentile(99) / 1e6), max: r1(loopDelay.max / 1e6) },
    cpu_share: { servers: r1((100 * cpu.servers) / cpuTotal), postgres: r1((100 * cpu.postgres) / cpuTotal), load_generator: r1((100 * cpu.load_generator) / cpuTotal) },
    db_rows_written_per_second: r1(Object.values(written).reduce((s, x) => s + x, 0)),
    db_write_statements_per_second: r1((after.db.statements - before.db.statements) / elapsed),
    db_commits_per_second: r1((after.db.commits - before.db.commits) / elapsed),
    db_rows_written_by_table_per_second: written,
    pass: failed.length === 0,
    failed_because: failed,
  };
}
