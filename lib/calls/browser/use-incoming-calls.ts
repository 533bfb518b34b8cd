"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import { useMemberEvents, useMemberEventsHealthy } from "@/lib/events/browser/member-events";
import { ApiError, fetchIncomingCalls, INCOMING_CALLS_URL, type IncomingCall } from "@/lib/api/client";

/** Without a working push channel, the poll is what rings: every 3 s. */
export const POLL_INTERVAL_MS = 3000;
/**
 * With a healthy push channel a ring arrives by event (measured < 0.1 s on localhost, see
 * docs/architecture.md, "The ring path"), and the poll is only the safety net for an event lost without the stream
 * noticing. 20 s still leaves at least 25 s of a 45 s ring to answer in that case, and cuts the
 * poll's load (each one a request and a query per open tab) by more than six times.
 */
export const HEALTHY_POLL_INTERVAL_MS = 20_000;
const MAX_RETRY_DELAY_MS = 30_000;

type Snapshot = {
  /** Each call with the client-clock time (ms) it started ringing. */
  calls: (IncomingCall & { ringingSince: number })[];
  receivedAt: number;
  /** How long the request took; the next poll starts that much sooner. */
  durationMs: number;
  /**
   * The calls the server rendered the page with: shown with the server's `seconds_ago`, so the
   * first render matches the HTML, until the first poll (made at once) replaces them.
   */
  rendered?: true;
};

/** The server's list as SWR's fallback: no client clock in it, so hydration matches the HTML. */
function renderedSnapshot(calls: readonly IncomingCall[]): Snapshot {
  return { calls: calls.map((call) => ({ ...call, ringingSince: NaN })), receivedAt: NaN, durationMs: 0, rendered: true };
}

/** Exponential back-off after the `retryCount`-th consecutive failure (1-based), capped. */
export function retryDelay(retryCount: number, random: () => number = Math.random): number {
  const capped = Math.min(POLL_INTERVAL_MS * 2 ** Math.max(0, retryCount - 1), MAX_RETRY_DELAY_MS);
  // Jitter downwards so many tabs recovering from the same outage don't retry in lockstep.
  return capped * (0.75 + random() * 0.25);
}

/**
 * SWR waits this long after each response; subtracting the request's own duration keeps polls
 * 3 s apart from start to start even when the server is slow. Module-level on purpose: SWR
 * restarts its timer whenever this function's identity changes, and the hook re-renders every
 * second while a call rings.
 */
export function nextPollDelay(latest: Snapshot | undefined): number {
  return Math.max(500, POLL_INTERVAL_MS - (latest?.durationMs ?? 0));
}

function healthyPollDelay(): number {
  return HEALTHY_POLL_INTERVAL_MS;
}

function isSignedOut(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 401;
}

/**
 * The server or the way to it is down for now — our 503 (database unreachable), a proxy's
 * 502/504, or a request that never got an answer (the API client's status 0) — as opposed to an
 * answer about the request itself. The poll keeps retrying; the member sees "reconnecting".
 */
export function isOutage(err: unknown): boolean {
  return err instanceof ApiError && [0, 502, 503, 504].includes(err.status);
}

/**
 * The calls ringing for the signed-in member: re-read at once when the push channel says a call
 * started or stopped ringing, and polled — every 3 s while the channel is down, every 20 s while
 * it is healthy. Mount it once (the member layout does, through IncomingCallsNotification);
 * `seconds_ago` keeps ticking between reads.
 */
export function useIncomingCalls(enabled = true, renderedCalls?: readonly IncomingCall[]) {
  const [signedOut, setSignedOut] = useState<ApiError | null>(null);
  // Built once: SWR compares fallback data by identity.
  const [fallbackData] = useState(() => (renderedCalls ? renderedSnapshot(renderedCalls) : undefined));
  const streamHealthy = useMemberEventsHealthy();
  const ringingSince = useRef(new Map<string, number>());

  const fetcher = useCallback(async (): Promise<Snapshot> => {
    const sentAt = Date.now();
    const incoming = await fetchIncomingCalls();
    const receivedAt = Date.now();
    const known = ringingSince.current;
    const next = new Map<string, number>();
    const calls = incoming.map((call) => {
      // Latency and the server's whole seconds only ever make this estimate late, so keeping
      // the earliest one stops the timer from stepping backwards when a poll lands.
      const since = Math.min(known.get(call.session_id) ?? Infinity, receivedAt - call.seconds_ago * 1000);
      next.set(call.session_id, since);
      return { ...call, ringingSince: since };
    });
    ringingSince.current = next;
    return { calls, receivedAt, durationMs: receivedAt - sentAt };
  }, []);

  const { data, error, isLoading, mutate } = useSWR<Snapshot, Error>(
    enabled && !signedOut ? INCOMING_CALLS_URL : null,
    fetcher,
    {
      fallbackData,
      // Switching between the two functions restarts SWR's timer at the new pace.
      refreshInterval: streamHealthy ? healthyPollDelay : nextPollDelay,
      refreshWhenHidden: true,
      // SWR counts a hidden tab as inactive and then skips error retries, so one failed poll
      // would silence a background tab until it is focused — exactly where calls get missed.
      isVisible: () => true,
      revalidateOnFocus: true,
      revalidateOnReconnect: true,
      focusThrottleInterval: 1000,
      dedupingInterval: 2000,
      onError(err) {
        if (isSignedOut(err)) setSignedOut(err);
      },
      onErrorRetry(err, _key, _config, revalidate, { retryCount }) {
        if (isSignedOut(err)) return;
        setTimeout(() => void revalidate({ retryCount }), retryDelay(retryCount));
      },
    },
  );

  useMemberEvents((event) => {
    if (event.type === "call.ringing" || event.type === "call.stopped_ringing" || event.type === "session.changed" || event.type === "resync") {
      void mutate();
    }
  });
  // The channel just went down: events may have been lost, so look now and then poll at 3 s.
  const wasHealthy = useRef(streamHealthy);
  useEffect(() => {
    if (wasHealthy.current && !streamHealthy) void mutate();
    wasHealthy.current = streamHealthy;
  }, [streamHealthy, mutate]);

  const [now, setNow] = useState(() => Date.now());
  const ringing = (data?.calls.length ?? 0) > 0;
  useEffect(() => {
    if (!ringing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ringing]);

  const calls = useMemo<IncomingCall[]>(() => {
    if (!data) return [];
    if (data.rendered) return data.calls;
    // `now` may predate the response that just arrived; never show less than the server said.
    const clock = Math.max(now, data.receivedAt);
    return data.calls.map(({ ringingSince: since, ...call }) => ({
      ...call,
      seconds_ago: Math.max(0, Math.floor((clock - since) / 1000)),
    }));
  }, [data, now]);

  const revalidate = useCallback(async () => {
    await mutate();
  }, [mutate]);

  // Derived from SWR's error, which the next successful poll clears: recovery needs nothing else.
  const reconnecting = !signedOut && isOutage(error);

  return { calls, error: error ?? signedOut ?? undefined, reconnecting, isLoading, mutate: revalidate };
}
