"use client";

import { useEffect, useSyncExternalStore } from "react";

// A ringtone synthesised with Web Audio, so there is no file to fetch. Browsers only let a page
// make sound after the member has interacted with it, so we wait for a first pointerdown or
// keydown and unlock the AudioContext inside that gesture (iOS Safari accepts nothing else).

const RING_PERIOD_MS = 3000;
const TONE_HZ = [400, 450];
const BURSTS_S = [0, 0.6];
const BURST_LENGTH_S = 0.4;
const VOLUME = 0.12;

let audio: AudioContext | null = null;
let unlocked = false;
let interacted = false;
let ringing = false;

function audioContext(): AudioContext | null {
  if (!audio && typeof AudioContext !== "undefined") audio = new AudioContext();
  return audio;
}

function ignore() {}

function hasInteracted(): boolean {
  return interacted || navigator.userActivation?.hasBeenActive === true;
}

function subscribeToInteraction(onChange: () => void): () => void {
  const onGesture = () => {
    const ctx = audioContext();
    if (ctx && (!unlocked || (ringing && ctx.state !== "running"))) {
      unlocked = true;
      // Park the context again until something rings; an idle running context costs power.
      void ctx.resume().then(() => (ringing ? undefined : ctx.suspend()), ignore);
    }
    if (!interacted) {
      interacted = true;
      onChange();
    }
  };
  const options = { capture: true, passive: true } as const;
  window.addEventListener("pointerdown", onGesture, options);
  window.addEventListener("keydown", onGesture, options);
  return () => {
    window.removeEventListener("pointerdown", onGesture, options);
    window.removeEventListener("keydown", onGesture, options);
  };
}

/** One "brr-brr" starting at `at` (AudioContext time), routed through `output`. */
function scheduleRing(ctx: AudioContext, output: AudioNode, at: number) {
  for (const offset of BURSTS_S) {
    const start = at + offset;
    const end = start + BURST_LENGTH_S;
    const envelope = ctx.createGain();
    // Short ramps instead of hard edges, which click.
    envelope.gain.setValueAtTime(0, start);
    envelope.gain.linearRampToValueAtTime(VOLUME, start + 0.02);
    envelope.gain.setValueAtTime(VOLUME, end - 0.02);
    envelope.gain.linearRampToValueAtTime(0, end);
    envelope.connect(output);
    for (const hz of TONE_HZ) {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(envelope);
      osc.onended = () => envelope.disconnect();
      osc.start(start);
      osc.stop(end);
    }
  }
}

/** Rings every few seconds while `active`, once the page is allowed to make sound. */
export function useRingtone(active: boolean): void {
  const allowed = useSyncExternalStore(subscribeToInteraction, hasInteracted, () => false);

  useEffect(() => {
    if (!active || !allowed) return;
    const ctx = audioContext();
    if (!ctx) return;
    ringing = true;
    let stopped = false;
    const output = ctx.createGain();
    output.connect(ctx.destination);
    const ringOnce = () => {
      // A suspended context's clock stands still: rings queued now would all sound at once later.
      if (!stopped && ctx.state === "running") scheduleRing(ctx, output, ctx.currentTime + 0.05);
    };
    void ctx.resume().then(ringOnce, ignore);
    const timer = setInterval(ringOnce, RING_PERIOD_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      ringing = false;
      output.disconnect();
      void ctx.suspend().catch(ignore);
    };
  }, [active, allowed]);
}
