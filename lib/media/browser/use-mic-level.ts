"use client";

import { useEffect, useRef } from "react";
import { levelOf, smoothLevel } from "@/lib/media/browser/mic-level";

/**
 * Follows how loud the stream's microphone is (0…1; 0 without one) and hands each visible change
 * to `draw`, 25 times a second at most. `version` re-reads the stream's tracks.
 *
 * The level is not React state: a meter that re-rendered at 25 Hz cost the caller's ringing
 * screen ~90 ms of main thread per load at 4× CPU (`npm run profile-page -- /call/ringing`),
 * on the phone that is also starting its camera. `draw` writes the DOM itself.
 */
export function useMicLevel(stream: MediaStream | null, version: number, draw: (level: number) => void): void {
  const track = stream?.getAudioTracks()[0];
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  });

  useEffect(() => {
    const paint = (level: number) => drawRef.current(level);
    if (!track || typeof AudioContext === "undefined") {
      paint(0);
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
    paint(0);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const now = performance.now();
      const next = smoothLevel(shown, levelOf(samples), now - last);
      last = now;
      // Draw only a change the eye can see (or the fall to zero).
      if (Math.abs(next - drawn) >= 0.03 || (next === 0 && drawn !== 0)) {
        drawn = next;
        paint(next);
      }
      shown = next;
    }, 40);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pointerdown", resume);
      source.disconnect();
      void ctx.close().catch(() => undefined);
      paint(0);
    };
  }, [track, version]);
}
