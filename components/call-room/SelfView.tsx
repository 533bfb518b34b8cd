"use client";

import { useEffect, useRef } from "react";

type SelfViewProps = {
  stream: MediaStream | null;
  /** The browser is still asking for (or opening) the camera. */
  starting: boolean;
  cameraOn: boolean;
  /** Changes when a camera is switched inside the same stream. */
  version?: number;
  className?: string;
};

/** The member's own camera, mirrored like a mirror, with a placeholder when it is off or missing. */
export function SelfView({ stream, starting, cameraOn, version = 0, className = "" }: SelfViewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const hasCamera = !!stream?.getVideoTracks().length;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Set again after a switch: not every browser follows a track swapped inside the same stream.
    el.srcObject = null;
    el.srcObject = stream;
    if (stream) el.play().catch(() => undefined);
  }, [stream, version]);

  return (
    <div className={`overflow-hidden rounded-2xl border border-white/25 bg-slate-800 shadow-xl ${className}`}>
      <div className="relative h-full w-full">
        <video ref={ref} data-testid="local-video" autoPlay playsInline muted className="h-full w-full -scale-x-100 object-cover" />
        {(!hasCamera || !cameraOn) && (
          <div className="absolute inset-0 flex items-center justify-center bg-slate-800 px-2 text-center text-xs font-medium text-white/80">
            {starting ? "Starting camera…" : hasCamera ? "Camera off" : "No camera"}
          </div>
        )}
      </div>
    </div>
  );
}
