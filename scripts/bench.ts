// npm run bench — loads a production build (`next start`) on a real PostgreSQL with 10,000
// members and reports capacity, not comfort: the notification poll, /api/health and a bare Node
// server at rising concurrency (autocannon) up to saturation; a call's whole lifecycle; a long
// call history; ring latency through the event stream and through the poll alone; 2,000 open
// streams' memory. Prints Markdown for docs/benchmarks.md and writes bench/results/latest.json.
// Targets are verdicts in the output, never assertions in a test.
//
//   npm run bench [-- --quick --members=N --instances=2 --seconds=5 --only=poll,history,lifecycle,ring,streams --heap-mb=256 --no-build]
//   npm run bench -- --only=online [--online-steps=1000,2500,5000,10000,20000 --instances=2 --heap-mb=1024]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { provideDatabase, ROOT } from "./lib/database";
import { applyMigrations } from "./lib/migrations";
import { generatePrismaClient } from "./generate";
import { lifecycle, history } from "./bench/calls";
import { api, cookiesFor, SECRET, startCall } from "./bench/client";
import { ladder, load } from "./bench/load";
import { ONLINE_HEAP_MB, parseOptions, STREAMS_HEAP_MB } from "./bench/options";
import { finalize, markdown, type Results } from "./bench/report";
import { ringThroughPolls, ringThroughStreams, soak } from "./bench/ring";
import { HISTORY_CALLS, seedBenchData } from "./bench/seed";
import { buildApp, DIST_DIR, killServers, rssMb, serverEnv, startApp, startCeiling } from "./bench/servers";
import { openEventStream, openEventStreams, StreamMissing, type EventStream } from "./bench/sse";
import { ONLINE_TARGETS, onlineStep, PAGE_MODEL, type OnlineStep } from "./bench/online";
import { round, saturation, summary } from "./bench/stats";

const opts = parseOptions(process.argv.slice(2));
// The online ladder writes its own file: latest.json stays the full bench's run.
const RESULTS = path.join(ROOT, opts.only.size === 1 && opts.only.has("online") ? "bench/results/online-latest.json" : "bench/results/latest.json");

function git(...args: string[]): string | null {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

const r: Results = {
  at: new Date().toISOString(),
  commit: git("rev-parse", "HEAD") ?? "unknown",
  commit_dirty: (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "",
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? "unknown", node: process.version, platform: `${os.platform()} ${os.release()}`, loadavg_at_start: os.loadavg().map((l) => round(l, 2)) },
  quick: opts.quick,
  parts: [...opts.only],
  members: opts.members,
  instances: opts.instances,
  heap_mb: opts.heapMb,
  online: opts.online,
  seconds_per_step: opts.seconds,
};
const part = (name: Parameters<typeof opts.only.has>[0], title: string) => {
  const on = opts.only.has(name);
  if (on) console.log(`\n▶ ${title}`);
  return on;
};
const ms = (n: number) => round(n, 1);

// Ctrl-C: the servers go at once; the embedded database's own handler then stops PostgreSQL and
// exits (an external database has no such handler, so we exit here).
let interrupted = false;
let embedded = true;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.log(`\n${signal}: stopping the servers`);
    killServers();
    if (!embedded) process.exit(130);
  });
}

generatePrismaClient();
const server = await provideDatabase("tool", "postgres");
embedded = server.embedded;
try {
  // Always a fresh database, also on an external server (never a dev database).
  const url = await server.extra("meetcute_bench", { recreate: true });
  await applyMigrations(url, { log: () => {} });
  let t = Date.now();
  const data = await seedBenchData(url, opts.members);
  Object.assign(r, { members: data.members, matches: data.matches, call_sessions: data.sessions });
  console.log(`seeded ${data.members} members, ${data.matches} matches, ${data.sessions} call sessions in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const env = serverEnv(url, SECRET, { heapMb: opts.heapMb });
  if (opts.build) buildApp(serverEnv(url, SECRET)); // the heap cap is for the servers, not the build
  else if (!existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) throw new Error(`--no-build, but there is no build in ${DIST_DIR}/; run once without it`);
  const apps = await Promise.all(Array.from({ length: opts.instances }, () => startApp(env)));
  const bases = apps.map((a) => a.base);
  console.log(`${apps.length} instance(s) up: ${bases.join(", ")}`);

  if (part("poll", `poll, /api/health and the ceiling at ${opts.connections.join(", ")} connections, ${opts.seconds} s each`)) {
    const ids = Array.from({ length: opts.online }, (_, i) => i + 1);
    const cookies = await cookiesFor(ids);
    // Every member once first: their last-active refresh, the server's JIT and pools.
    for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map((id, k) => api(bases[(i + k) % bases.length], id, "GET", "/api/video/pending-calls")));
    const ceiling = await startCeiling();
    const poll = { name: "poll", urls: bases.map((b) => `${b}/api/video/pending-calls`), cookies };
    const results = await ladder(
      [poll, { name: "health", urls: bases.map((b) => `${b}/api/health`) }, { name: "ceiling", urls: [ceiling] }],
      opts.connections,
      opts.seconds,
    );
    r.ladder = results;
    for (const [name, steps] of Object.entries(results)) {
      const at50 = steps.find((s) => s.connections === 50)!;
      r[`${name}_rps`] = Math.round(at50.rps);
      r[`${name}_p50_ms`] = at50.p50;
      r[`${name}_p99_ms`] = at50.p99;
      const sat = saturation(steps);
      r[`${name}_saturation_connections`] = sat?.connections ?? null;
      r[`${name}_saturation_rps`] = sat ? Math.round(sat.rps) : null;
    }
    if (bases.length > 1) {
      const single = await load({ ...poll, urls: [poll.urls[0]] }, 50, opts.seconds);
      r.poll_rps_single_instance = Math.round(single.rps);
      console.log(`  poll on instance 1 alone, 50 conn: ${single.rps.toFixed(0)} req/s`);
    }
  }

  if (part("history", `call-history for a match with ${HISTORY_CALLS} calls`)) {
    const h = summary(await history(bases[0], data.historyMatch, opts.quick ? 100 : 300, HISTORY_CALLS));
    Object.assign(r, { history_calls: HISTORY_CALLS, history_requests: h.n, history_p50_ms: ms(h.p50), history_p95_ms: ms(h.p95) });
    console.log(`  p50 ${ms(h.p50)} ms, p95 ${ms(h.p95)} ms over ${h.n} requests`);
  }

  if (part("lifecycle", `start-call → join → end, ${opts.lifecycleConcurrency} at a time for ${opts.seconds * 2} s`)) {
    const l = await lifecycle(bases, data.mutualPairs, opts.lifecycleConcurrency, opts.seconds * 2);
    const s = summary(l.cycleMs);
    Object.assign(r, { lifecycle_rps: round(l.rps, 1), lifecycle_cycles: l.cycles, lifecycle_concurrency: opts.lifecycleConcurrency, lifecycle_p50_ms: ms(s.p50), lifecycle_p95_ms: ms(s.p95) });
    console.log(`  ${l.cycles} calls in ${l.seconds.toFixed(1)} s: ${l.rps.toFixed(1)} calls/s; a call's three requests p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms`);
  }

  // Is the push channel there yet? (GET /api/events lands with the ring-reach work.)
  let eventsRoute: boolean | null = null;
  if (opts.only.has("ring") || opts.only.has("streams")) {
    try {
      (await openEventStream(bases[0], data.pendingPairs[0].b)).close();
      eventsRoute = true;
    } catch (e) {
      if (!(e instanceof StreamMissing)) throw e;
      eventsRoute = false;
      console.warn("\n⚠⚠⚠ GET /api/events answered 404: the push channel isn't built on this commit. Skipping every stream measurement (ring through the stream, open streams, memory). ⚠⚠⚠");
    }
    r.events_route = eventsRoute ? "present" : "missing";
  }

  if (part("ring", `ring latency: ${opts.ringCalls} calls through the stream, ${opts.ringCalls} through a 3 s poll (${opts.ringRate} calls/s)`)) {
    const n = Math.min(opts.ringCalls, Math.floor(data.pendingPairs.length / 2));
    if (eventsRoute) {
      const pairs = data.pendingPairs.slice(0, n);
      // Streams spread over the instances; calls start on the first: a ring may cross instances.
      const streams = await openEventStreams(bases, pairs.map((p) => p.b));
      const byMember = new Map(streams.map((s) => [s.userId, s]));
      const ring = await ringThroughStreams(bases[0], pairs, byMember, opts.ringCalls);
      streams.forEach((s) => s.close());
      const s = summary(ring.latencies);
      const q = summary(ring.fromRequest);
      Object.assign(r, {
        ring_push_calls: s.n,
        ring_push_lost: ring.lost,
        ring_push_streams: streams.length,
        ring_push_p50_ms: ms(s.p50),
        ring_push_p95_ms: ms(s.p95),
        ring_push_max_ms: ms(s.max),
        ring_push_from_request_p50_ms: ms(q.p50),
        ring_push_from_request_p95_ms: ms(q.p95),
      });
      console.log(`  stream: p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms over ${s.n} calls (${ring.lost} lost); from the start-call request: p50 ${ms(q.p50)} ms, p95 ${ms(q.p95)} ms`);
    }
    const poll = await ringThroughPolls(bases, data.pendingPairs.slice(-n), opts.ringRate);
    const s = summary(poll.latencies);
    const rt = summary(poll.pollRoundTrips!);
    Object.assign(r, {
      ring_poll_calls: s.n,
      ring_poll_call_rate: opts.ringRate,
      ring_poll_lost: poll.lost,
      ring_poll_p50_ms: ms(s.p50),
      ring_poll_p95_ms: ms(s.p95),
      ring_poll_max_ms: ms(s.max),
      ring_poll_round_trip_p50_ms: ms(rt.p50),
      ring_poll_round_trip_p95_ms: ms(rt.p95),
      ring_poll_stale: poll.stale,
    });
    console.log(`  poll:   p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms over ${s.n} calls (${poll.lost} lost); a poll's round trip meanwhile p50 ${ms(rt.p50)} ms, p95 ${ms(rt.p95)} ms; ${poll.stale} polls sent after the start-call response did not list the call`);
  }

  if (eventsRoute && part("streams", `${opts.streams} open streams on one server, rings while they are open, ${opts.soakSeconds} s soak`)) {
    // A server of its own, fresh and with its old space capped as a deployment's is (docs/operations.md, Memory): the
    // figure is then what the streams cost, not a heap the load steps above grew and V8 keeps.
    const streamsHeapMb = opts.heapMb ?? STREAMS_HEAP_MB;
    const app = await startApp(serverEnv(url, SECRET, { heapMb: streamsHeapMb }));
    // Warm: the routes a ring touches are loaded before "idle" is read. A whole call on a mutual
    // pair, answered (an unanswered one would count towards the pending pairs' ring limit).
    const warm = data.mutualPairs.at(-1)!;
    (await openEventStream(app.base, warm.b)).close();
    await api(app.base, warm.b, "GET", "/api/video/pending-calls");
    const call = await startCall(app.base, warm.a, warm.matchId);
    await api(app.base, warm.b, "POST", `/api/video/sessions/${call.session_id}/join`);
    await api(app.base, warm.a, "POST", `/api/video/sessions/${call.session_id}/end`, { reason: "hangup" });
    await sleep(2000);
    r.streams_heap_mb = streamsHeapMb;
    // Holders: the pending pairs' callees first (they get rung), then their callers.
    const holders = [...data.pendingPairs.map((p) => p.b), ...data.pendingPairs.map((p) => p.a)].slice(0, opts.streams);
    r.idle_rss_mb = round(rssMb(app.pid));
    t = Date.now();
    const streams = await openEventStreams([app.base], holders);
    console.log(`  ${streams.length} streams open in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await sleep(3000);
    const byMember = new Map(streams.map((s) => [s.userId, s]));
    Object.assign(r, { streams: streams.length, streams_rss_mb: round(rssMb(app.pid)) });
    console.log(`  server RSS (--max-old-space-size=${streamsHeapMb}): ${r.idle_rss_mb} MB idle → ${r.streams_rss_mb} MB with ${streams.length} streams`);
    const pairs = data.pendingPairs.filter((p) => byMember.has(p.b));
    const ring = await ringThroughStreams(app.base, pairs, byMember, opts.ringCalls);
    const s = summary(ring.latencies);
    const q = summary(ring.fromRequest);
    Object.assign(r, {
      streams_ring_push_calls: s.n,
      streams_ring_push_lost: ring.lost,
      streams_ring_push_p50_ms: ms(s.p50),
      streams_ring_push_p95_ms: ms(s.p95),
      streams_ring_push_max_ms: ms(s.max),
      streams_ring_push_from_request_p95_ms: ms(q.p95),
    });
    console.log(`  ring with the streams open: p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, max ${ms(s.max)} ms over ${s.n} calls (${ring.lost} lost); from the request: p95 ${ms(q.p95)} ms`);
    if (opts.soakSeconds > 0) {
      const k = await soak(app.base, app.pid, pairs, byMember, opts.soakSeconds);
      const rss = k.samples.map(([, mb]) => mb);
      Object.assign(r, {
        soak_seconds: k.seconds,
        soak_rings: k.rings,
        soak_lost: k.lost,
        soak_rss_start_mb: round(rss[0]),
        soak_rss_end_mb: round(rss.at(-1)!),
        soak_rss_max_mb: round(Math.max(...rss)),
        soak_rss_samples: k.samples.map(([s, mb]) => [s, round(mb)]),
      });
      console.log(`  soak: ${k.rings} rings in ${k.seconds} s, RSS ${r.soak_rss_start_mb} → ${r.soak_rss_end_mb} MB (max ${r.soak_rss_max_mb})`);
    }
    r.streams_dropped = streams.filter((s) => s.closed).length;
    if (r.streams_dropped) console.warn(`  ⚠ ${r.streams_dropped} streams were closed by the server during the run`);
    streams.forEach((s) => s.close());
  }

  if (part("online", `online: ${opts.onlineSteps.join(", ")} members online on ${opts.instances} instance(s), ${opts.onlineWarmup} s warm-up + ${opts.onlineSeconds} s per step`)) {
    const model = {
      pollSeconds: opts.pollSeconds,
      callsPerMemberPerMinute: opts.callsPerMemberPerMinute,
      ringSeconds: opts.ringSeconds,
      callSeconds: opts.callSeconds,
      checkInSeconds: PAGE_MODEL.checkInSeconds,
      warmupSeconds: opts.onlineWarmup,
      seconds: opts.onlineSeconds,
    };
    const heapMb = opts.heapMb ?? ONLINE_HEAP_MB;
    Object.assign(r, { online_model: model, online_heap_mb: heapMb, online_targets: ONLINE_TARGETS });
    killServers(); // fresh servers per step: each step's RSS is its own
    const steps: OnlineStep[] = [];
    for (const n of opts.onlineSteps) {
      const stepEnv = serverEnv(url, SECRET, { heapMb });
      const servers = await Promise.all(Array.from({ length: opts.instances }, () => startApp(stepEnv)));
      console.log(`  ${n} online (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}) …`);
      const step = await onlineStep({
        bases: servers.map((s) => s.base),
        serverPids: servers.map((s) => s.pid),
        databaseUrl: url,
        pairs: data.mutualPairs.slice(0, n / 2),
        model,
        rssMb,
      });
      killServers();
      steps.push(step);
      const q = step.requests;
      // A kind with no request in the recording window (no call ended in a short step) has no p99: "–", and its count.
      const p99 = (k: keyof typeof q) => (q[k].n ? `${q[k].p99_ms}` : "–");
      console.log(
        `    ${step.pass ? "✅" : "❌"} ring p95 ${step.ring_p95_ms} ms; p99 start ${p99("start-call")} · join ${p99("join")} · end ${p99("end")} · check-in ${p99("check-in")} · poll ${p99("poll")} ms (n ${(["start-call", "join", "end", "check-in", "poll"] as const).map((k) => q[k].n).join(" · ")}); ` +
          `${step.errors} errors; ${step.calls_per_second} calls/s, ${step.in_call_mean} in a call; ${step.requests["check-in"].rps} check-ins/s; ` +
          `DB ${step.db_rows_written_per_second} rows written/s; RSS ${step.rss_mb.join(" + ")} MB; CPU servers ${step.cpu_share.servers} % · PostgreSQL ${step.cpu_share.postgres} % · generator ${step.cpu_share.load_generator} %; generator's loop late p99 ${step.load_generator_loop_delay_ms.p99} ms` +
          (step.pass ? "" : `\n      failed: ${step.failed_because.join("; ")}`),
      );
      if (!step.pass) break;
    }
    r.online_steps = steps;
    r.online_capacity = steps.filter((s) => s.pass).reduce((m, s) => Math.max(m, s.online), 0);
    r.online_loadavg_at_end = os.loadavg().map((l) => round(l, 2));
    console.log(`  online_capacity: ${r.online_capacity}`);
  }

  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(finalize(r), null, 2)}\n`);
  console.log(`\n${markdown(r)}\n\nwrote ${path.relative(ROOT, RESULTS)}`);
} catch (e) {
  // Requests in flight fail once the servers are gone; the signal handler is finishing the exit.
  if (interrupted) await new Promise(() => {});
  throw e;
} finally {
  killServers();
  await server.stop();
}
