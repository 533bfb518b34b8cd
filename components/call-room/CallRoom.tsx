"use client";

import dynamic from "next/dynamic";
import { useCallback, useState } from "react";
import type { SessionView } from "@/lib/calls/types";
import { outcomeText, stateText } from "@/lib/calls/outcome";
import { useCallSession } from "@/lib/calls/browser/use-call-session";
import { countdownUrgent } from "@/lib/calls/browser/countdown";
import { formatCountdown } from "@/lib/format";
import { BlurStatus } from "@/components/call-room/BlurStatus";
import { CallControls } from "@/components/call-room/CallControls";
import { CallOutcome } from "@/components/call-room/CallOutcome";
import { CallStage } from "@/components/call-room/CallStage";
import { ConnectionQualityIndicator } from "@/components/call-room/ConnectionQualityIndicator";
import { MediaProblemNotice } from "@/components/call-room/MediaProblemNotice";
import { IcebreakerCard } from "@/components/call-room/IcebreakerCard";
import { RemoteVideo } from "@/components/call-room/RemoteVideo";
import { RingingScreen } from "@/components/call-room/RingingScreen";
import { SelfView } from "@/components/call-room/SelfView";
import { ReportAndLeaveButton } from "@/components/safety/ReportAndLeaveButton";
import { SafetyMenu } from "@/components/safety/SafetyMenu";

// Only LiveKit calls load @livekit/components-react.
const LiveKitRemoteMedia = dynamic(() => import("@/components/call-room/LiveKitRemoteMedia").then((m) => m.LiveKitRemoteMedia), { ssr: false });

export type CallRoomProps = { session: SessionView; otherPhotoUrl: string | null; selfName: string };

/** The call page: draws the screen for where the call stands (useCallSession keeps that). */
export function CallRoom({ session: initial, otherPhotoUrl, selfName }: CallRoomProps) {
  const call = useCallSession(initial, selfName);
  const { session, phase, local, micOn, cameraOn } = call;
  const { state, everConnected, quality, remoteStream, liveKitRoom } = call.transport;
  const id = session.session_id;
  const name = session.other_user_name;
  const localStream = local?.stream ?? null;
  const [noticeDismissed, setNoticeDismissed] = useState(false);
  const [remoteShowing, setRemoteShowing] = useState(false);
  const remaining = call.remaining;

  const onRemoteFrames = useCallback((showing: boolean) => setRemoteShowing(showing), []);

  const notice =
    local?.problem && !noticeDismissed ? (
      <MediaProblemNotice problem={local.problem} otherName={name} onDismiss={() => setNoticeDismissed(true)} />
    ) : null;

  if (phase === "outcome" || phase === "error") {
    const text = phase === "error" ? { title: "You can't join this call", detail: call.error } : outcomeText(session);
    return <CallOutcome title={text.title} detail={text.detail} otherName={name} otherPhotoUrl={otherPhotoUrl} />;
  }

  if (phase === "ringing") {
    return (
      <RingingScreen
        otherName={name}
        otherPhotoUrl={otherPhotoUrl}
        callType={session.call_type}
        isMutual={session.is_mutual_match}
        devices={call.devices}
        local={localStream}
        localStarting={local === null}
        cameraOn={cameraOn}
        cancelling={call.cancelling}
        onCancel={call.cancel}
        notice={notice}
      />
    );
  }

  const status =
    phase === "joining"
      ? "Connecting…"
      : (phase === "ending" || phase === "leaving") && state !== "peer-left"
        ? "Call ended"
        : stateText(state, name, everConnected);
  const hasMic = !!localStream?.getAudioTracks().length;
  const hasCamera = !!localStream?.getVideoTracks().length;

  return (
    <CallStage
      otherName={name}
      otherPhotoUrl={otherPhotoUrl}
      callType={session.call_type}
      status={status}
      countdown={remaining === null ? null : formatCountdown(remaining)}
      countdownUrgent={countdownUrgent(remaining)}
      quality={phase === "in-call" && everConnected && quality ? <ConnectionQualityIndicator quality={quality} otherName={name} /> : null}
      remoteShowing={remoteShowing}
      standIn={state === "connected" && remoteStream && !remoteStream.getVideoTracks().length ? `${name}'s camera is off` : status}
      remote={
        liveKitRoom ? (
          <LiveKitRemoteMedia room={liveKitRoom} otherName={name} onFrames={onRemoteFrames} speakerId={call.devices.inUse.speaker} />
        ) : (
          <RemoteVideo stream={remoteStream} otherName={name} onFrames={onRemoteFrames} sinkId={call.devices.inUse.speaker} />
        )
      }
      self={
        <SelfView
          stream={call.outgoingMode ? call.outgoingStream : localStream}
          starting={local === null}
          cameraOn={cameraOn}
          version={call.devices.version}
          className="absolute bottom-[calc(max(1.25rem,env(safe-area-inset-bottom))+6.25rem)] right-3 z-10 aspect-[3/4] w-28 sm:right-6 sm:aspect-video sm:w-60"
        />
      }
      notice={notice}
      blur={
        phase === "in-call" ? (
          <BlurStatus
            selfBlurred={session.self_blurred}
            otherBlurred={session.other_blurred}
            otherName={name}
            mode={call.outgoingMode}
            revealing={call.revealing}
            onReveal={() => void call.reveal()}
          />
        ) : null
      }
      icebreaker={phase === "in-call" ? <IcebreakerCard sessionId={id} icebreaker={session.icebreaker} /> : null}
      controls={
        <CallControls
          micOn={micOn}
          cameraOn={cameraOn}
          hasMic={hasMic}
          hasCamera={hasCamera}
          ending={phase === "ending" || phase === "leaving"}
          onToggleMic={call.toggleMic}
          onToggleCamera={call.toggleCamera}
          onEnd={() => call.leave()}
          devices={call.devices}
        />
      }
      menu={
        <>
          {phase === "in-call" && (
            <ReportAndLeaveButton matchId={session.match_id} sessionId={id} otherName={name} pictureShowing={remoteShowing} onLeave={call.leave} />
          )}
          <SafetyMenu matchId={session.match_id} otherName={name} sessionId={id} tone="dark" />
        </>
      }
    />
  );
}
