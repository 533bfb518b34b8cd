// The microphone level meter's arithmetic, apart from the audio graph so it can be tested.

/** Root mean square of a block of samples (-1…1), on a 0…1 scale that makes speech fill the meter. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  // Speech sits around 0.02–0.2 RMS: a square root spreads it over the meter.
  return Math.min(1, Math.sqrt(rms * 4));
}

/** The meter jumps up at once and falls back slowly, so a short sound stays visible. */
export function smoothLevel(shown: number, measured: number, elapsedMs: number): number {
  if (measured >= shown) return measured;
  return Math.max(measured, shown - (elapsedMs / 1000) * 1.2);
}
