"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { SessionView } from "@/lib/calls/lifecycle";
import { isLive } from "@/lib/calls/rules";
import { useMemberEvents, useMemberEventsHealthy } from "@/lib/events/browser/member-events";
import type { MediaConnection } from "@/lib/media/types";
import { ApiError, cancelSession, endSession, fetchSession, joinSession } from "@/lib/api/client";
import { isUnansweredOutcome, outcomeText, pathAfterCall, stateText } from "@/lib/calls/outcome";
import { formatCountdown } from "@/lib/format";
import { setTracksEnabled } from "@/lib/media/browser/transport";
import { useCallTransport } from "@/lib/media/browser/use-call-transport";
import { useLocalMedia } from "@/lib/media/browser/use-local-media";
import { CallControls } from "@/components/call-room/CallControls";
import { CallOutcome } from "@/components/call-room/CallOutcome";
import { CallStage } from "@/components/call-room/CallStage";
import { MediaProblemNotice } from "@/components/call-room/MediaProblemNotice";
import { RemoteVideo } from "@/components/call-room/RemoteVideo";
import { RingingScreen } from "@/components/call-room/RingingScreen";
import { SelfView } from "@/components/call-room/SelfView";
import { SafetyMenu } from "@/components/safety/SafetyMenu";

// Only LiveKit calls load @livekit/components-react.
const LiveKitRemoteMedia = dynamic(() => import("@/components/call-room/LiveKitRemoteMedia").then((m) => m.LiveKitRemoteMedia), { ssr: false });

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

type Phase =
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

export type CallRoomProps = { session: SessionView; otherPhotoUrl: string | null };

function initialPhase(s: SessionView): Phase {
  if (!isLive(s.status)) return "outcome";
  return s.status === "ringing" && s.role === "caller" ? "ringing" : "joining";
}

export function CallRoom({ session: initial, otherPhotoUrl }: CallRoomProps) {
  const router = useRouter();
  const id = initial.session_id;
  const [session, setSession] = useState(initial);
  const [phase, setPhase] = useState<Phase>(() => initialPhase(initial));
  const [media, setMedia] = useState<MediaConnection | null>(null);
  const [error, setError] = useState("");
  const [micOn, setMicOn] = useState(true);
  const [cameraOn, setCameraOn] = useState(true);
  const [noticeDismissed, setNoticeDismissed] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [remoteShowing, setRemoteShowing] = useState(false);
  /** Server clock minus ours (ms), so the countdown follows the server's cap. */
  const [clockOffset, setClockOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const leaving = useRef(false);
  const streamHealthy = useMemberEventsHealthy();

  const local = useLocalMedia();
  const localStream = local?.stream ?? null;
  const { state, everConnected, remoteStream, liveKitRoom, setMic, setCamera } = useCallTransport({
    media,
    sessionId: id,
    role: initial.role,
    local: localStream,
    // Media starts once the call is answered and the camera question is settled either way.
    enabled: phase === "in-call" && local !== null,
  });
  const name = session.other_user_name;

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
        const offset = Date.parse(server_time) - (sentAt + Date.now()) / 2;
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
  const live = useRef({ phase, everConnected });
  useEffect(() => {
    live.current = { phase, everConnected };
  }, [phase, everConnected]);
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

  const onRemoteFrames = useCallback((showing: boolean) => setRemoteShowing(showing), []);

  const notice =
    local?.problem && !noticeDismissed ? (
      <MediaProblemNotice problem={local.problem} otherName={name} onDismiss={() => setNoticeDismissed(true)} />
    ) : null;

  if (phase === "outcome" || phase === "error") {
    const text = phase === "error" ? { title: "You can't join this call", detail: error } : outcomeText(session);
    return <CallOutcome title={text.title} detail={text.detail} otherName={name} otherPhotoUrl={otherPhotoUrl} />;
  }

  if (phase === "ringing") {
    return (
      <RingingScreen
        otherName={name}
        otherPhotoUrl={otherPhotoUrl}
        callType={session.call_type}
        isMutual={session.is_mutual_match}
        local={localStream}
        localStarting={local === null}
        cameraOn={cameraOn}
        cancelling={cancelling}
        onCancel={() => void cancel()}
        notice={notice}
      />
    );
  }

  const status =
    phase === "joining" ? "Connecting…" : phase === "leaving" && state !== "peer-left" ? "Call ended" : stateText(state, name, everConnected);
  const hasMic = !!localStream?.getAudioTracks().length;
  const hasCamera = !!localStream?.getVideoTracks().length;

  return (
    <CallStage
      otherName={name}
      otherPhotoUrl={otherPhotoUrl}
      callType={session.call_type}
      status={status}
      countdown={remaining === null ? null : formatCountdown(remaining)}
      countdownUrgent={remaining !== null && remaining <= 10}
      remoteShowing={remoteShowing}
      standIn={state === "connected" && remoteStream && !remoteStream.getVideoTracks().length ? `${name}'s camera is off` : status}
      remote={
        liveKitRoom ? (
          <LiveKitRemoteMedia room={liveKitRoom} onFrames={onRemoteFrames} />
        ) : (
          <RemoteVideo stream={remoteStream} onFrames={onRemoteFrames} />
        )
      }
      self={
        <SelfView
          stream={localStream}
          starting={local === null}
          cameraOn={cameraOn}
          className="absolute bottom-[calc(max(1.25rem,env(safe-area-inset-bottom))+6.25rem)] right-3 z-10 aspect-[3/4] w-28 sm:right-6 sm:aspect-video sm:w-60"
        />
      }
      notice={notice}
      controls={
        <CallControls
          micOn={micOn}
          cameraOn={cameraOn}
          hasMic={hasMic}
          hasCamera={hasCamera}
          ending={phase === "leaving"}
          onToggleMic={toggleMic}
          onToggleCamera={toggleCamera}
          onEnd={() => void leave()}
        />
      }
      menu={<SafetyMenu matchId={session.match_id} otherName={name} sessionId={id} tone="dark" />}
    />
  );
}
