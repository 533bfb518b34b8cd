"use client";

import { useEffect, useRef, useState } from "react";
import { TapToHear } from "@/components/call-room/TapToHear";

/**
 * The other member's video (and sound), filling its container. When the browser refuses to
 * start sound without a tap, the picture plays muted and a button turns the sound on.
 */
export function RemoteVideo({ stream, otherName, onFrames, sinkId }: { stream: MediaStream | null; otherName: string; onFrames: (showing: boolean) => void; sinkId?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  // The chosen speaker, where the browser can route sound (setSinkId: not Safari).
  useEffect(() => {
    const el = ref.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (el?.setSinkId && sinkId) el.setSinkId(sinkId).catch((err: unknown) => console.warn("call: could not use the chosen speaker", err));
  }, [sinkId]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    if (!stream) {
      onFrames(false);
      return;
    }
    el.muted = false;
    el.play().catch((err: unknown) => {
      if (!(err instanceof Error) || err.name !== "NotAllowedError") return;
      el.muted = true;
      setSoundBlocked(true);
      el.play().catch(() => undefined);
    });
  }, [stream, onFrames]);

  function enableSound() {
    const el = ref.current;
    if (!el) return;
    el.muted = false;
    void el.play().then(() => setSoundBlocked(false));
  }

  return (
    <>
      <video
        ref={ref}
        data-testid="remote-video"
        autoPlay
        playsInline
        onResize={(e) => onFrames(e.currentTarget.videoWidth > 0)}
        onPlaying={(e) => onFrames(e.currentTarget.videoWidth > 0)}
        className="absolute inset-0 h-full w-full bg-black object-cover sm:object-contain"
      />
      {soundBlocked && <TapToHear otherName={otherName} onTap={enableSound} />}
    </>
  );
}
