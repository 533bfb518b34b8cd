"use client";

import { useState } from "react";
import { SpeakerIcon } from "@/components/call-room/CallIcons";
import { playTestSound } from "@/lib/media/browser/test-sound";

/** Plays a short chime on the chosen speaker. */
export function TestSoundButton({ sinkId, className = "btn-secondary" }: { sinkId?: string; className?: string }) {
  const [playing, setPlaying] = useState(false);
  const [failed, setFailed] = useState(false);
  async function play() {
    setPlaying(true);
    setFailed(false);
    try {
      await playTestSound(sinkId);
    } catch {
      setFailed(true);
    }
    setPlaying(false);
  }
  return (
    <button type="button" onClick={() => void play()} disabled={playing} className={className} aria-describedby={failed ? "test-sound-failed" : undefined}>
      <SpeakerIcon className="size-4" />
      {playing ? "Playing…" : "Play a test sound"}
      {failed && (
        <span id="test-sound-failed" className="sr-only">
          The sound could not play on this speaker.
        </span>
      )}
    </button>
  );
}
