// Ring latency as the callee feels it: from the start-call response to the moment the callee's
// client knows — through its event stream (push) or through its 3 s poll (the fallback).
import { setTimeout as sleep } from "node:timers/promises";
import { api, cancelCall, startCall } from "./client";
import type { Pair } from "./seed";
import type { EventStream } from "./sse";
import { rssMb } from "./servers";

const RING_WAIT_MS = 5_000;
const RING_LOST_AFTER_MS = 30_000;
export const POLL_INTERVAL_MS = 3_000;

export interface RingSamples {
  /** start-call response → callee informed, ms (0 when the callee knew before the caller). */
  latencies: number[];
  /** start-call request sent → callee informed, ms: shows the events are real when the above is 0. */
  fromRequest: number[];
  /** Calls whose ring never reached the callee in time. */
  lost: number;
  /** Poll only: each poll's round trip, ms (how loaded the server was while the rings were timed). */
  pollRoundTrips?: number[];
  /** Poll only: polls sent after the start-call response that still did not list the call. */
  stale?: number;
}

/**
 * `count` calls, `concurrency` at a time, each on the next pair whose callee holds a stream; the
 * call is cancelled once timed. Calls start on `callBase`; the streams may be on other instances
 * (the ring then crosses instances through the database).
 */
export async function ringThroughStreams(
  callBase: string,
  pairs: Pair[],
  streams: Map<number, EventStream>,
  count: number,
  { concurrency = 4, until }: { concurrency?: number; until?: () => boolean } = {},
): Promise<RingSamples> {
  if (pairs.length < concurrency) throw new Error(`ring needs at least ${concurrency} pairs, has ${pairs.length}`);
  const out: RingSamples = { latencies: [], fromRequest: [], lost: 0 };
  let next = 0;
  const more = () => (until ? !until() : next < count);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        const pair = pairs[next++ % pairs.length];
        const stream = streams.get(pair.b);
        if (!stream) throw new Error(`member ${pair.b} holds no stream`);
        const sent = performance.now();
        const s = await startCall(callBase, pair.a, pair.matchId);
        const responded = performance.now();
        try {
          const at = await stream.ringAt(s.session_id, RING_WAIT_MS);
          out.latencies.push(Math.max(0, at - responded));
          out.fromRequest.push(at - sent);
        } catch (e) {
          out.lost++;
          console.warn(`  ⚠ ${(e as Error).message}`);
        }
        await cancelCall(callBase, pair.a, s.session_id);
      }
    }),
  );
  return out;
}

/**
 * The poll alone: each callee polls pending-calls every 3 s from a random phase, as the layout's
 * hook does; each caller calls once at a random moment from 3 s in, `rate` calls per second on
 * average. The latency is the arrival of the first poll answer that lists the call, minus the
 * start-call response.
 */
export async function ringThroughPolls(bases: string[], pairs: Pair[], rate: number): Promise<RingSamples> {
  const window = (pairs.length / rate) * 1000;
  const t0 = performance.now();
  const out: RingSamples = { latencies: [], fromRequest: [], lost: 0, pollRoundTrips: [], stale: 0 };
  await Promise.all(
    pairs.map(async (pair, i) => {
      const base = bases[i % bases.length];
      const callAt = POLL_INTERVAL_MS + Math.random() * window;
      // A ring unseen this long after the start-call response counts as lost (it rings 45 s).
      let giveUpAt = Infinity;
      let seenAt: number | null = null;
      let responded = Infinity;
      const poller = (async () => {
        let tick = t0 + Math.random() * POLL_INTERVAL_MS;
        await sleep(tick - performance.now());
        while (performance.now() < giveUpAt) {
          const asked = performance.now();
          const r = await api<{ pending_calls: { match_id: number }[] }>(base, pair.b, "GET", "/api/video/pending-calls");
          out.pollRoundTrips!.push(performance.now() - asked);
          if (r.pending_calls.some((c) => c.match_id === pair.matchId)) return void (seenAt = performance.now());
          if (asked > responded) out.stale!++;
          tick += POLL_INTERVAL_MS;
          await sleep(Math.max(0, tick - performance.now()));
        }
      })();
      await sleep(callAt);
      const sent = performance.now();
      const s = await startCall(bases[(i + 1) % bases.length], pair.a, pair.matchId);
      responded = performance.now();
      giveUpAt = responded + RING_LOST_AFTER_MS;
      await poller;
      if (seenAt === null) out.lost++;
      else {
        out.latencies.push(Math.max(0, seenAt - responded));
        out.fromRequest.push(seenAt - sent);
      }
      await cancelCall(bases[0], pair.a, s.session_id);
    }),
  );
  return out;
}

export interface SoakResult {
  seconds: number;
  rings: number;
  lost: number;
  /** [seconds since start, RSS MB] */
  samples: [number, number][];
}

/** Steady rings for `seconds` while sampling the server's RSS: does memory grow with rings? */
export async function soak(callBase: string, pid: number, pairs: Pair[], streams: Map<number, EventStream>, seconds: number): Promise<SoakResult> {
  const t0 = performance.now();
  const samples: [number, number][] = [[0, rssMb(pid)]];
  const every = Math.max(1, seconds / 20) * 1000;
  const sampler = setInterval(() => samples.push([Math.round((performance.now() - t0) / 1000), rssMb(pid)]), every);
  try {
    const r = await ringThroughStreams(callBase, pairs, streams, Infinity, { concurrency: 2, until: () => performance.now() - t0 > seconds * 1000 });
    samples.push([Math.round((performance.now() - t0) / 1000), rssMb(pid)]);
    return { seconds, rings: r.latencies.length + r.lost, lost: r.lost, samples };
  } finally {
    clearInterval(sampler);
  }
}
