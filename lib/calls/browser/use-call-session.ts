"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { toast } from "sonner";
import { ApiError, cancelSession, endSession, errorMessage, fetchSession, isUnavailable, joinSession, revealSelf } from "@/lib/api/client";
import type { SessionView } from "@/lib/calls/types";
import { isLive } from "@/lib/calls/rules";
import { endedNotice } from "@/lib/calls/outcome";
import { callPageReducer, exitPath, initialCallPageState, isFollowing } from "@/lib/calls/browser/call-phase";
import { betterClockEstimate, clockSample, nextClockOffset, type ClockEstimate } from "@/lib/calls/browser/clock-estimate";
import { COUNTDOWN_TICK_MS, countdownDone, secondsLeft } from "@/lib/calls/browser/countdown";
import { useWakeLock } from "@/lib/calls/browser/use-wake-lock";
import { useMemberEvents, useMemberEventsHealthy } from "@/lib/events/browser/member-events";
import { setTracksEnabled } from "@/lib/media/browser/transport";
import { useCallTransport } from "@/lib/media/browser/use-call-transport";
import { useLocalMedia } from "@/lib/media/browser/use-local-media";
import { useOutgoingVideo } from "@/lib/media/browser/use-outgoing-video";
import type { MediaConnection } from "@/lib/media/types";

// The call page's state: the phase and the session as the server has it (lib/calls/browser/
// call-phase.ts, the one reducer that moves it), the member's camera and mic, the media
// connection, the countdown to a first call's cap. Each effect below runs in the phases it
// names; components only draw what this returns.

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
/** Waits before trying a join again that never reached the server (a restart takes ~5 s). */
const JOIN_RETRY_DELAYS_MS = [500, 1_000, 2_000, 3_000, 4_000];
/** Long enough to read "Sarah left" before moving on. */
const LEAVE_DELAY_MS = 1_500;

export type { CallPhase } from "@/lib/calls/browser/call-phase";

export function useCallSession(initial: SessionView, selfName: string) {
  const router = useRouter();
  const id = initial.session_id;
  // The session as the page arrived with it. A server re-render hands CallRoom a newer `initial`
  // (a `router.refresh()` queued by the matches or match page the member just left lands on this
  // route), and what runs on arrival must not run again for it: a second join handed the
  // transport a new media connection, which closed the first one mid-setup, and its "bye" reached
  // the other side's new connection, which hung up ("Couldn't connect" 3 s into a call the
  // callee had answered at once; the device-check journey's flake, 1 run in 10 under load).
  // After arrival the page follows the session through its check-ins and events.
  const [arrival] = useState(initial);
  const [page, dispatch] = useReducer(callPageReducer, initial, initialCallPageState);
  const exitOverride = useRef<string | null>(null);
  const { phase, session } = page;
  const [media, setMedia] = useState<MediaConnection | null>(null);
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  /** Server clock minus ours (ms), so the countdown follows the server's end. */
  const [clockOffset, setClockOffset] = useState(0);
  const clock = useRef<ClockEstimate | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const streamHealthy = useMemberEventsHealthy();

  // A camera or mic switched (or taken over after an unplug) goes to the transport's sender.
  // While the picture is blurred, a new camera feeds the blur canvas, whose track is what is sent:
  // handing the camera itself to the sender would send a clear picture.
  const replaceTrack = useRef<(track: MediaStreamTrack) => Promise<void>>(async () => undefined);
  const feedCanvas = useRef<(track: MediaStreamTrack) => boolean>(() => false);
  const devices = useLocalMedia({
    onTrackReplaced: (track) => {
      if (track.kind === "video" && feedCanvas.current(track)) return;
      void replaceTrack.current(track).catch((err: unknown) => console.warn("call: could not switch the device", err));
    },
    onDeviceLost: (kind, device) => {
      if (device) toast(`Your ${kind} was disconnected. Now using ${device.label || `the default ${kind}`}.`);
      else toast.error(`Your ${kind} was disconnected and there is no other one: ${initial.other_user_name} ${kind === "camera" ? "can't see" : "can't hear"} you.`);
    },
  });
  const local = devices.media;
  const localStream = local?.stream ?? null;
  // Blur until I reveal (first calls): what leaves this browser is blurred until the member reveals.
  const outgoing = useOutgoingVideo(local ? localStream : null, { blurred: initial.self_blurred, initial: selfName, sending: phase === "in-call" });
  const transport = useCallTransport({
    media,
    sessionId: id,
    role: initial.role,
    local: outgoing.stream,
    // Media starts once the call is answered and the camera question is settled either way.
    enabled: phase === "in-call" && local !== null && (outgoing.stream !== null || localStream === null),
  });
  const { state, everConnected, setMic, setCamera } = transport;
  useEffect(() => {
    replaceTrack.current = transport.replaceTrack;
    feedCanvas.current = outgoing.setCameraSource;
  }, [transport.replaceTrack, outgoing.setCameraSource]);

  // For the callbacks that must not restart when these change: the check-in, hanging up, the tab closing.
  const live = useRef({ phase, everConnected, state });
  useEffect(() => {
    live.current = { phase, everConnected, state };
  }, [phase, everConnected, state]);

  /** Re-reads the session (after an event or a 409); false when the server could not be asked. */
  const reload = useCallback(async () => {
    const fresh = await fetchSession(id).catch(() => null);
    if (fresh) dispatch({ type: "session", view: fresh.session });
    return fresh !== null;
  }, [id]);

  // On arrival, in any live phase: join. Answers the call for the callee; gives both sides the media connection.
  // Joining is idempotent for a member, so a join that never reached the server (status 0) or found
  // it draining (503) is tried again, JOIN_RETRY_DELAYS_MS apart: an app-restart run saw the join
  // sent as the server went down fail once and leave the page on "Couldn't join" for good, with
  // its check-ins stopped.
  useEffect(() => {
    if (!isLive(arrival.status)) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = (n: number) =>
      joinSession(id)
        .then((joined) => {
          if (cancelled) return;
          setMedia(joined.media);
          dispatch({ type: "session", view: joined.session });
        })
        .catch(async (err: unknown) => {
          if (cancelled) return;
          if (isUnavailable(err) && n < JOIN_RETRY_DELAYS_MS.length) {
            retry = setTimeout(() => void attempt(n + 1), JOIN_RETRY_DELAYS_MS[n]);
            return;
          }
          if (err instanceof ApiError && err.status === 409 && (await reload())) return;
          dispatch({ type: "join-failed", error: err instanceof Error ? err.message : "Couldn't join this call." });
        });
    void attempt(0);
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [id, arrival, reload]);

  // ringing, cancelling, in-call: follow the session (answered, declined, ended by the other side,
  // cut off at the cap). Each answer also measures the server's clock for the countdown.
  const following = isFollowing(phase);
  const ringing = phase === "ringing";
  useEffect(() => {
    if (!following) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const sentAt = Date.now();
      try {
        // Once the media connected, each check-in says whether it plays: the server's evidence that
        // the call counts, and of the time a first call gets back while it is down.
        const { everConnected: connected, state: media } = live.current;
        const report = !connected ? undefined : media === "reconnecting" ? "down" : media === "connected" ? "connected" : undefined;
        const { session: view, server_time } = await fetchSession(id, { media: report });
        if (stopped) return;
        clock.current = betterClockEstimate(clock.current, clockSample(sentAt, Date.now(), Date.parse(server_time)));
        const estimate = clock.current;
        setClockOffset((shown) => nextClockOffset(shown, estimate));
        dispatch({ type: "session", view });
      } catch (err) {
        // Gone for this member (the match was blocked): nothing left to show here.
        if (!stopped && err instanceof ApiError && err.status === 404) {
          dispatch({ type: "gone" });
          return;
        }
      }
      if (!stopped) timer = setTimeout(tick, ringing && !streamHealthy ? RINGING_POLL_MS : SESSION_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [following, ringing, id, streamHealthy]);

  // ringing, cancelling, in-call: answered, declined, ended elsewhere — the push channel says so at once.
  useMemberEvents((event) => {
    if (!isFollowing(live.current.phase)) return;
    if (event.type === "resync" || ("sessionId" in event && event.sessionId === id)) void reload();
  });

  // in-call, once the media connected: keep the screen on (released when the call ends).
  useWakeLock(phase === "in-call" && everConnected);

  // in-call: the other side left, or the media could not (re)connect — hang up here too.
  useEffect(() => {
    if (phase !== "in-call" || (state !== "peer-left" && state !== "failed")) return;
    const timer = setTimeout(() => dispatch({ type: "hang-up" }), LEAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [phase, state]);

  // in-call, first calls: count down to the server's end and hang up for both at zero.
  const remaining = secondsLeft(session.ends_at, now, clockOffset);
  const counting = phase === "in-call" && session.ends_at !== null;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), COUNTDOWN_TICK_MS);
    return () => clearInterval(timer);
  }, [counting]);
  const timeUp = counting && countdownDone(remaining);
  useEffect(() => {
    if (timeUp) dispatch({ type: "hang-up" });
  }, [timeUp]);

  // ending: ask the server to end the call; where it stands afterwards decides where we go.
  useEffect(() => {
    if (phase !== "ending") return;
    // Connected once, then the transport gave up restoring it: the server decides whose it was
    // (end-call.ts), and each page says so as it leaves.
    const { everConnected: connected, state: media } = live.current;
    const reason = !connected ? "media_failed" : media === "failed" ? "connection_lost" : "hangup";
    void (async () => {
      let view: SessionView | null;
      try {
        view = (await endSession(id, reason)).session;
      } catch {
        // Already ended (by the other side or the cap) or unreachable: where it stands now decides.
        view = (await fetchSession(id).catch(() => null))?.session ?? null;
      }
      dispatch(view && !isLive(view.status) ? { type: "session", view } : { type: "gone" });
    })();
  }, [phase, id]);

  // cancelling: ask the server; a 409 means answered or ended meanwhile, and the session says which.
  useEffect(() => {
    if (phase !== "cancelling") return;
    void (async () => {
      try {
        dispatch({ type: "session", view: (await cancelSession(id)).session });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && (await reload())) return;
        toast.error(err instanceof Error ? err.message : "Couldn't cancel the call.");
        dispatch({ type: "cancel-failed" });
      }
    })();
  }, [phase, id, reload]);

  // leaving: to the decision after a first call that connected, otherwise back to the match,
  // saying why the call ended where the screen did not (outcome.ts, endedNotice).
  const exit = phase === "leaving" ? (exitOverride.current ?? exitPath(page)) : null;
  const notice = phase === "leaving" ? endedNotice(session) : null;
  const noticeText = notice?.text ?? null;
  const noticeError = notice?.error ?? false;
  useEffect(() => {
    if (exit === null) return;
    if (noticeText && noticeError) toast.error(noticeText, { id: `call-ended-${id}` });
    else if (noticeText) toast(noticeText, { id: `call-ended-${id}` });
    router.replace(exit);
  }, [exit, noticeText, noticeError, id, router]);

  // Closing or reloading the tab in ringing or in-call leaves the call (a ringing call is cancelled).
  useEffect(() => {
    const onPageHide = () => {
      const { phase: p, everConnected: connected } = live.current;
      if (p !== "ringing" && p !== "in-call") return;
      endSession(id, connected ? "hangup" : "media_failed", { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [id]);

  function toggleMic() {
    const on = !micOn;
    setMicOn(on);
    setTracksEnabled(localStream, "audio", on);
    setMic(on);
  }

  const [revealing, setRevealing] = useState(false);
  /** The member shows their clear picture: the server records it (the other side's label follows), then the canvas stops blurring. */
  async function reveal() {
    if (revealing) return;
    setRevealing(true);
    try {
      const { session: view } = await revealSelf(id);
      outgoing.reveal();
      dispatch({ type: "session", view });
    } catch (err) {
      toast.error(errorMessage(err, "Couldn't reveal your picture. Please try again."));
    } finally {
      setRevealing(false);
    }
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
    error: page.error,
    /** The member's camera and mic; null while the browser is still asking. */
    local,
    /** The devices: which are there, which are in use, and switching between them. */
    devices,
    /** The media connection: its state, the other side's media, whether it ever connected. */
    transport,
    /** Seconds left before a first call's end; null for calls without one. */
    remaining,
    micOn,
    cameraOn,
    cancelling: phase === "cancelling",
    /** What this browser sends of the camera: blurred, clear or a placeholder; null when not processed. */
    outgoingMode: outgoing.mode,
    /** The stream the other member receives from us (the self-view shows it). */
    outgoingStream: outgoing.stream,
    revealing,
    reveal,
    toggleMic,
    toggleCamera,
    cancel: () => dispatch({ type: "cancel" }),
    /** Hangs up; `exitTo` replaces where the page goes once the call has ended (Report and leave: the matches). */
    leave: (exitTo?: string) => {
      if (exitTo) exitOverride.current = exitTo;
      dispatch({ type: "hang-up" });
    },
  };
}
