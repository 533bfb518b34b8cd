"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { ApiError, cancelSession, endSession, fetchSession, joinSession } from "@/lib/api/client";
import type { SessionView } from "@/lib/calls/types";
import { isUnansweredOutcome, pathAfterCall } from "@/lib/calls/outcome";
import { isLive } from "@/lib/calls/rules";
import { useMemberEvents, useMemberEventsHealthy } from "@/lib/events/browser/member-events";
import { setTracksEnabled } from "@/lib/media/browser/transport";
import { useCallTransport } from "@/lib/media/browser/use-call-transport";
import { useLocalMedia } from "@/lib/media/browser/use-local-media";
import type { MediaConnection } from "@/lib/media/types";

// The call page's state: the session as the server has it (joined on arrival, then followed by
// polling and member events), the member's camera and mic, the media connection, the countdown
// to a first call's cap, and leaving. Components only draw what this returns.

/**
 * How often the page checks the session: answered, declined, ended by the other side or the cap.
 * This is also the member's check-in (heartbeat), so it runs even while push events flow.
 */
const SESSION_POLL_MS = 1_500;
/**
 * Faster while it rings when there is no push channel: the moment of the answer is when the
 * caller starts the media. With the channel healthy the answer arrives as an event.
 */
const RINGING_POLL_MS = 500;
/** Long enough to read "Sarah left" before moving on. */
const LEAVE_DELAY_MS = 1_500;

export type CallPhase =
  /** Asking the server to join (and for the media connection). */
  | "joining"
  /** The caller waits for an answer. */
  | "ringing"
  | "in-call"
  /** Ending and navigating away. */
  | "leaving"
  /** Declined, missed or cancelled: said on the page. */
  | "outcome"
  | "error";

function initialPhase(s: SessionView): CallPhase {
  if (!isLive(s.status)) return "outcome";
  return s.status === "ringing" && s.role === "caller" ? "ringing" : "joining";
}

export function useCallSession(initial: SessionView) {
  const router = useRouter();
  const id = initial.session_id;
  const [session, setSession] = useState(initial);
  const [phase, setPhase] = useState<CallPhase>(() => initialPhase(initial));
  const [media, setMedia] = useState<MediaConnection | null>(null);
  const [error, setError] = useState("");
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const [cancelling, setCancelling] = useState(false);
  /** Server clock minus ours (ms), so the countdown follows the server's cap. */
  const [clockOffset, setClockOffset] = useState(0);
  const clock = useRef<ClockEstimate | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const leaving = useRef(false);
  const streamHealthy = useMemberEventsHealthy();

  const local = useLocalMedia();
  const localStream = local?.stream ?? null;
  const transport = useCallTransport({
    media,
    sessionId: id,
    role: initial.role,
    local: localStream,
    // Media starts once the call is answered and the camera question is settled either way.
    enabled: phase === "in-call" && local !== null,
  });
  const { state, everConnected, setMic, setCamera } = transport;

  // For the callbacks that must not restart when these change: the check-in and the tab closing.
  const live = useRef({ phase, everConnected });
  useEffect(() => {
    live.current = { phase, everConnected };
  }, [phase, everConnected]);

  /** The call is over: say so here if nobody talked, otherwise go to the decision or the match. */
  const finish = useCallback(
    (view: SessionView) => {
      leaving.current = true;
      setSession(view);
      if (isUnansweredOutcome(view.status)) {
        setPhase("outcome");
        return;
      }
      setPhase("leaving");
      if (view.status === "failed") toast.error("The video couldn't connect. You can try calling again.");
      router.replace(pathAfterCall(view));
    },
    [router],
  );

  const apply = useCallback(
    (view: SessionView) => {
      if (leaving.current) return;
      setSession(view);
      if (view.status === "active") setPhase("in-call");
      else if (view.status === "ringing") setPhase(view.role === "caller" ? "ringing" : "joining");
      else finish(view);
    },
    [finish],
  );

  /** After a 409 the session changed under us: look at what it is now. */
  const reload = useCallback(async () => {
    const fresh = await fetchSession(id).catch(() => null);
    if (fresh) apply(fresh.session);
    return fresh !== null;
  }, [id, apply]);

  const leave = useCallback(async () => {
    if (leaving.current) return;
    leaving.current = true;
    setPhase("leaving");
    let view: SessionView | null;
    try {
      view = (await endSession(id, everConnected ? "hangup" : "media_failed")).session;
    } catch {
      // Already ended (by the other side or the cap) or unreachable: where it stands now decides.
      view = (await fetchSession(id).catch(() => null))?.session ?? null;
    }
    if (view) finish(view);
    else router.replace("/matches");
  }, [id, everConnected, finish, router]);

  // Join on arrival: answers the call for the callee; gives both sides the media connection.
  useEffect(() => {
    if (!isLive(initial.status)) return;
    let cancelled = false;
    joinSession(id)
      .then((joined) => {
        if (cancelled) return;
        setMedia(joined.media);
        apply(joined.session);
      })
      .catch(async (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 409 && (await reload())) return;
        setError(err instanceof Error ? err.message : "Couldn't join this call.");
        setPhase("error");
      });
    return () => {
      cancelled = true;
    };
  }, [id, initial.status, apply, reload]);

  // While it rings or runs, follow the session: answered, declined, ended by the other side,
  // cut off at the cap. Each answer also measures the server's clock for the countdown.
  useEffect(() => {
    if (phase !== "ringing" && phase !== "in-call") return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const sentAt = Date.now();
      try {
        // Once the media connected, each check-in says so: the server's evidence that the call counts.
        const { session: view, server_time } = await fetchSession(id, { mediaPlaying: live.current.everConnected });
        if (stopped) return;
        const receivedAt = Date.now();
        const sample = { offset: Date.parse(server_time) - (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt };
        clock.current = betterClockEstimate(clock.current, sample);
        const offset = clock.current.offset;
        setClockOffset((prev) => (Math.abs(prev - offset) > 250 ? offset : prev));
        apply(view);
      } catch (err) {
        // Gone for this member (the match was blocked): nothing left to show here.
        if (!stopped && err instanceof ApiError && err.status === 404) {
          leaving.current = true;
          router.replace("/matches");
          return;
        }
      }
      if (!stopped) timer = setTimeout(tick, phase === "ringing" && !streamHealthy ? RINGING_POLL_MS : SESSION_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [phase, id, apply, router, streamHealthy]);

  // Answered, declined, ended elsewhere: the push channel says so at once; re-read the session.
  useMemberEvents((event) => {
    if (phase !== "ringing" && phase !== "in-call") return;
    if (event.type === "resync" || ("sessionId" in event && event.sessionId === id)) void reload();
  });

  // The other side left, or the media could not (re)connect: end the call here too.
  useEffect(() => {
    if (phase !== "in-call" || (state !== "peer-left" && state !== "failed")) return;
    const timer = setTimeout(() => void leave(), LEAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [phase, state, leave]);

  // First calls: count down to the server's cap and end the call for both at zero.
  const endsAt = session.ends_at ? Date.parse(session.ends_at) : null;
  const remaining = endsAt === null ? null : (endsAt - (now + clockOffset)) / 1000;
  useEffect(() => {
    if (phase !== "in-call" || endsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [phase, endsAt]);
  useEffect(() => {
    if (phase === "in-call" && remaining !== null && remaining <= 0) void leave();
  }, [phase, remaining, leave]);

  // Closing or reloading the tab leaves the call (a ringing call is cancelled).
  useEffect(() => {
    const onPageHide = () => {
      const { phase: p, everConnected: connected } = live.current;
      if (leaving.current || (p !== "ringing" && p !== "in-call")) return;
      endSession(id, connected ? "hangup" : "media_failed", { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [id]);

  async function cancel() {
    setCancelling(true);
    try {
      finish((await cancelSession(id)).session);
    } catch (err) {
      // 409: answered or ended meanwhile; the session says which.
      if (err instanceof ApiError && err.status === 409 && (await reload())) return;
      toast.error(err instanceof Error ? err.message : "Couldn't cancel the call.");
    } finally {
      setCancelling(false);
    }
  }

  function toggleMic() {
    const on = !micOn;
    setMicOn(on);
    setTracksEnabled(localStream, "audio", on);
    setMic(on);
  }

  function toggleCamera() {
    const on = !cameraOn;
    setCameraOn(on);
    setTracksEnabled(localStream, "video", on);
    setCamera(on);
  }

  return {
    session,
    phase,
    /** Why joining failed (phase "error"). */
    error,
    /** The member's camera and mic; null while the browser is still asking. */
    local,
    /** The media connection: its state, the other side's media, whether it ever connected. */
    transport,
    /** Seconds left before a first call's cap; null for calls without one. */
    remaining,
    micOn,
    cameraOn,
    cancelling,
    toggleMic,
    toggleCamera,
    cancel,
    leave,
  };
}

/** The server clock's offset from ours, and the round trip it was measured over. */
export interface ClockEstimate {
  offset: number;
  rtt: number;
}

/** A round trip up to this long measures the offset well enough (error ≤ half of it). */
export const CLOCK_SAMPLE_MAX_RTT_MS = 1_000;

/**
 * Keeps the estimate from a fast round trip. A sample's error can be up to half its round trip:
 * one answer that waited 20 s (a server restarting, a machine under load) would otherwise put the
 * countdown 10 s ahead and end the call early. A slow sample replaces the estimate only if it is
 * still the best we have — the first answer a page gets can be such a one (a page reloaded while
 * the server restarts) — and is then read at the early end of what it allows: as if the server
 * stamped its time just before the answer arrived, which an answer that waited usually did. The
 * countdown can then only run late, never early, and the server ends the call at its cap anyway.
 */
export function betterClockEstimate(current: ClockEstimate | null, sample: ClockEstimate): ClockEstimate {
  if (sample.rtt <= CLOCK_SAMPLE_MAX_RTT_MS) return sample;
  if (current === null || sample.rtt < current.rtt) return { offset: sample.offset - sample.rtt / 2, rtt: sample.rtt };
  return current;
}
