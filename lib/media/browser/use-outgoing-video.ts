"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { createOutgoingVideo, type OutgoingMode, type OutgoingVideo } from "@/lib/media/browser/outgoing-video";

// What the call sends of the member's camera and mic: the local stream itself, or — in a first
// call where the member starts blurred — their mic beside the blurred canvas track
// (outgoing-video.ts). Whether to blur is read once, when the camera arrives: a page opened
// after the member revealed sends the camera as is.

export interface OutgoingMedia {
  /** The stream to connect with; null until the camera question is settled. */
  stream: MediaStream | null;
  /** null: nothing is processed (not blurred from the start, or no camera). */
  mode: OutgoingMode | null;
  reveal: () => void;
  /** A new camera track from a device switch: the canvas keeps sending, with the new source. */
  setCameraSource: (track: MediaStreamTrack) => boolean;
}

export function useOutgoingVideo(
  local: MediaStream | null,
  { blurred, initial, sending }: { blurred: boolean; initial: string; /** The call is answered: frames are drawn only then. */ sending: boolean },
): OutgoingMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [mode, setMode] = useState<OutgoingMode | null>(null);
  const pipeline = useRef<OutgoingVideo | null>(null);
  const startBlurred = useRef(blurred);
  const name = useRef(initial);
  const drawing = useRef(sending);

  useEffect(() => {
    if (!local) return;
    const camera = local.getVideoTracks()[0];
    if (!startBlurred.current || !camera) {
      setStream(local);
      return;
    }
    const p = createOutgoingVideo(camera, { blurred: true, initial: name.current, onMode: setMode, drawing: drawing.current });
    pipeline.current = p;
    setMode(p.mode);
    setStream(new MediaStream([...local.getAudioTracks(), p.track]));
    return () => {
      p.stop();
      pipeline.current = null;
    };
  }, [local]);

  // A ringing caller's page draws nothing (each frame is a main-thread task); the call's answer starts it.
  useEffect(() => {
    drawing.current = sending;
    pipeline.current?.setDrawing(sending);
  }, [sending]);

  const reveal = useCallback(() => pipeline.current?.reveal(), []);
  const setCameraSource = useCallback((track: MediaStreamTrack) => {
    if (!pipeline.current) return false;
    pipeline.current.setSource(track);
    return true;
  }, []);
  return { stream, mode, reveal, setCameraSource };
}
