"use client";

import { useEffect, useState } from "react";
import { levelOf, smoothLevel } from "@/lib/media/browser/mic-level";

/** How loud the stream's microphone is now, 0…1; 0 without one. `version` re-reads its tracks. */
export function useMicLevel(stream: MediaStream | null, version = 0): number {
  const [level, setLevel] = useState(0);
  const track = stream?.getAudioTracks()[0];

  useEffect(() => {
    if (!track || typeof AudioContext === "undefined") {
      setLevel(0);
      return;
    }
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    // A window (2048 samples: 43–46 ms) longer than the read interval, so no sound falls between reads.
    analyser.fftSize = 2048;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    // Safari starts an AudioContext suspended until the page is touched.
    const resume = () => void ctx.resume().catch(() => undefined);
    resume();
    window.addEventListener("pointerdown", resume);
    let shown = 0;
    let drawn = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const now = performance.now();
      const next = smoothLevel(shown, levelOf(samples), now - last);
      last = now;
      // Re-render only for a change the eye can see (or the fall to zero).
      if (Math.abs(next - drawn) >= 0.03 || (next === 0 && drawn !== 0)) {
        drawn = next;
        setLevel(next);
      }
      shown = next;
    }, 40);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pointerdown", resume);
      source.disconnect();
      void ctx.close().catch(() => undefined);
    };
  }, [track, version]);

  return track ? level : 0;
}
