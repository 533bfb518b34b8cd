"use client";

import { useCallback, useRef } from "react";
import { useMicLevel } from "@/lib/media/browser/use-mic-level";

/** A live bar of how loud the microphone is: speak and it moves. */
export function MicLevelMeter({ stream, version, tone = "light", className = "" }: { stream: MediaStream | null; version: number; tone?: "light" | "dark"; className?: string }) {
  const meter = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  // Written straight to the DOM, many times a second, without a React render (see useMicLevel).
  const draw = useCallback((level: number) => {
    meter.current?.setAttribute("aria-valuenow", String(Math.round(level * 100)));
    // scaleX, not width: a transform needs no layout.
    if (bar.current) bar.current.style.transform = `scaleX(${level})`;
  }, []);
  useMicLevel(stream, version, draw);
  return (
    <div
      ref={meter}
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
      data-testid="mic-level"
      className={`h-2 w-full overflow-hidden rounded-full ${tone === "dark" ? "bg-white/20" : "bg-slate-200"} ${className}`}
    >
      <div ref={bar} className="h-full origin-left rounded-full bg-gradient-to-r from-green-400 via-green-500 to-lime-400" style={{ transform: "scaleX(0)" }} />
    </div>
  );
}
