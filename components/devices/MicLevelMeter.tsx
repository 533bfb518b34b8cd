"use client";

import { useMicLevel } from "@/lib/media/browser/use-mic-level";

/** A live bar of how loud the microphone is: speak and it moves. */
export function MicLevelMeter({ stream, version, tone = "light", className = "" }: { stream: MediaStream | null; version: number; tone?: "light" | "dark"; className?: string }) {
  const level = useMicLevel(stream, version);
  const percent = Math.round(level * 100);
  return (
    <div
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="mic-level"
      className={`h-2 w-full overflow-hidden rounded-full ${tone === "dark" ? "bg-white/20" : "bg-slate-200"} ${className}`}
    >
      {/* scaleX, not width: the bar moves many times a second and a transform needs no layout. */}
      <div className="h-full origin-left rounded-full bg-gradient-to-r from-green-400 via-green-500 to-lime-400" style={{ transform: `scaleX(${level})` }} />
    </div>
  );
}
