"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Room } from "livekit-client";
import type { MediaConnection, TransportState } from "@/lib/media/types";
import { createTransport } from "@/lib/media/browser/create-transport";
import type { CallTransport } from "@/lib/media/browser/transport";
import type { QualityVerdict } from "@/lib/media/browser/connection-quality";

export type CallTransportOptions = {
  /** Null until the join response arrives. */
  media: MediaConnection | null;
  sessionId: string;
  role: "caller" | "callee";
  /** The member's camera/mic (null: receive only). */
  local: MediaStream | null;
  /** Connect only while this is true: the call is active and the camera question is settled. */
  enabled: boolean;
};

/** Connects the call's media while `enabled`, and leaves it (telling the other side) on cleanup. */
export function useCallTransport({ media, sessionId, role, local, enabled }: CallTransportOptions) {
  const [state, setState] = useState<TransportState>("connecting");
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [liveKitRoom, setLiveKitRoom] = useState<Room | null>(null);
  /** Whether the media ever connected: a call that never did ends as failed, not completed. */
  const [everConnected, setEverConnected] = useState(false);
  /** The latest connection-quality verdict; null until the first one. */
  const [quality, setQuality] = useState<QualityVerdict | null>(null);
  const transport = useRef<CallTransport | null>(null);

  useEffect(() => {
    if (!enabled || !media) return;
    let current: CallTransport | null = null;
    let cancelled = false;
    void createTransport(media, { sessionId, role }).then((t) => {
      if (cancelled) return;
      current = t;
      transport.current = t;
      t.subscribe((e) => {
        if (e.type === "remote-stream") setRemoteStream(e.stream);
        else if (e.type === "livekit-room") setLiveKitRoom(e.room);
        else if (e.type === "quality") setQuality((q) => (q && q.self === e.quality.self && q.other === e.quality.other && q.stalled === e.quality.stalled ? q : e.quality));
        else {
          setState(e.state);
          if (e.state === "connected") setEverConnected(true);
        }
      });
      t.connect(local).catch((err: unknown) => {
        console.warn("call: could not connect the media", err);
        setState("failed");
      });
    }, (err: unknown) => {
      // Its code could not be loaded, even after retries: the same as media that can't connect.
      if (cancelled) return;
      console.warn("call: could not load the media transport", err);
      setState("failed");
    });
    return () => {
      cancelled = true;
      current?.close();
      if (transport.current === current) transport.current = null;
      setLiveKitRoom(null);
    };
  }, [enabled, media, sessionId, role, local]);

  const setMic = useCallback((on: boolean) => transport.current?.setMic(on), []);
  const setCamera = useCallback((on: boolean) => transport.current?.setCamera(on), []);
  const replaceTrack = useCallback((track: MediaStreamTrack) => transport.current?.replaceTrack(track) ?? Promise.resolve(), []);
  return { state, everConnected, quality, remoteStream, liveKitRoom, setMic, setCamera, replaceTrack };
}
