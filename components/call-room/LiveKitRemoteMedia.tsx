"use client";

import { RoomAudioRenderer, RoomContext, useAudioPlayback, useTracks, VideoTrack } from "@livekit/components-react";
import { Track, type Room } from "livekit-client";
import { useEffect } from "react";
import { TapToHear } from "@/components/call-room/TapToHear";

/**
 * The LiveKit path's remote media, rendered by @livekit/components-react into the same slot of
 * the call stage that the direct path fills with <RemoteVideo>: the other member's camera and
 * every remote microphone (RoomAudioRenderer).
 */
export function LiveKitRemoteMedia({ room, otherName, onFrames, speakerId }: { room: Room; otherName: string; onFrames: (showing: boolean) => void; speakerId?: string }) {
  // LiveKit tells whether the browser let it start the room's audio; one tap starts it.
  const { canPlayAudio, startAudio } = useAudioPlayback(room);
  // The chosen speaker, through LiveKit's own device switching (it routes every remote track).
  useEffect(() => {
    if (speakerId) room.switchActiveDevice("audiooutput", speakerId).catch((err: unknown) => console.warn("call: could not use the chosen speaker", err));
  }, [room, speakerId]);
  return (
    <RoomContext.Provider value={room}>
      <RemoteCamera onFrames={onFrames} />
      <RoomAudioRenderer />
      {!canPlayAudio && <TapToHear otherName={otherName} onTap={() => void startAudio()} />}
    </RoomContext.Provider>
  );
}

function RemoteCamera({ onFrames }: { onFrames: (showing: boolean) => void }) {
  const camera = useTracks([Track.Source.Camera], { onlySubscribed: true }).find((ref) => !ref.participant.isLocal);
  useEffect(() => {
    if (!camera) onFrames(false);
  }, [camera, onFrames]);
  if (!camera) return null;
  return (
    <VideoTrack
      trackRef={camera}
      data-testid="remote-video"
      playsInline
      onResize={(e) => onFrames(e.currentTarget.videoWidth > 0)}
      onPlaying={(e) => onFrames(e.currentTarget.videoWidth > 0)}
      className="absolute inset-0 h-full w-full bg-black object-cover sm:object-contain"
    />
  );
}
