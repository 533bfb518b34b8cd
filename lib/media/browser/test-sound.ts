// "Play a test sound": a short two-note chime through the chosen speaker. Played through an
// <audio> element because that is where setSinkId chooses the output in every browser that has it.

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Plays the chime on `sinkId` (the default output when absent or unsupported); resolves when done. */
export async function playTestSound(sinkId?: string): Promise<void> {
  const ctx = new AudioContext();
  const out = ctx.createMediaStreamDestination();
  const gain = ctx.createGain();
  gain.connect(out);
  const t = ctx.currentTime + 0.05;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = ctx.createOscillator();
    osc.frequency.value = freq;
    osc.connect(gain);
    osc.start(t + i * 0.35);
    osc.stop(t + i * 0.35 + 0.3);
  }
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.3, t + 0.05);
  gain.gain.setValueAtTime(0.3, t + 0.6);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.7);
  const audio: SinkAudio = new Audio();
  audio.srcObject = out.stream;
  try {
    if (sinkId && audio.setSinkId) await audio.setSinkId(sinkId);
    await audio.play();
    await new Promise((resolve) => setTimeout(resolve, 900));
  } finally {
    audio.pause();
    audio.srcObject = null;
    await ctx.close().catch(() => undefined);
  }
}

/** Whether this browser can send sound to a chosen speaker (Chrome, Edge, Firefox; not Safari). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}
