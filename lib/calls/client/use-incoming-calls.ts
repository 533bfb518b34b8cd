"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import { CallsApiError, fetchPendingCalls, PENDING_CALLS_URL, type PendingCall } from "./calls-api";

export const POLL_INTERVAL_MS = 3000;
const MAX_RETRY_DELAY_MS = 30_000;

type Snapshot = {
  /** Each call with the client-clock time (ms) it started ringing. */
  calls: (PendingCall & { ringingSince: number })[];
  receivedAt: number;
  /** How long the request took; the next poll starts that much sooner. */
  durationMs: number;
};

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

function isSignedOut(err: unknown): err is CallsApiError {
  return err instanceof CallsApiError && err.status === 401;
}

/**
 * The calls ringing for the signed-in member, polled every 3 s. Mount it once (the member
 * layout does, through PendingCallsNotification); `seconds_ago` keeps ticking between polls.
 */
export function useIncomingCalls(enabled = true) {
  const [signedOut, setSignedOut] = useState<CallsApiError | null>(null);
  const ringingSince = useRef(new Map<string, number>());

  const fetcher = useCallback(async (): Promise<Snapshot> => {
    const sentAt = Date.now();
    const pending = await fetchPendingCalls();
    const receivedAt = Date.now();
    const known = ringingSince.current;
    const next = new Map<string, number>();
    const calls = pending.map((call) => {
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
    enabled && !signedOut ? PENDING_CALLS_URL : null,
    fetcher,
    {
      refreshInterval: nextPollDelay,
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

  const [now, setNow] = useState(() => Date.now());
  const ringing = (data?.calls.length ?? 0) > 0;
  useEffect(() => {
    if (!ringing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ringing]);

  const calls = useMemo<PendingCall[]>(() => {
    if (!data) return [];
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

  return { calls, error: error ?? signedOut ?? undefined, isLoading, mutate: revalidate };
}
