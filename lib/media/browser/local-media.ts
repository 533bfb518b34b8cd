// The member's own camera and microphone. When one of them is refused, missing or busy the call
// goes on with what works (audio only, video only, or receive only) and the page says why.

export type Device = "camera" | "microphone";

export type MediaProblem = {
  /** denied: blocked by the member or the browser; missing: no such device; busy: another app
   *  holds it; unsupported: no camera API here (an insecure http:// address). */
  kind: "denied" | "missing" | "busy" | "unsupported";
  devices: Device[];
};

export type LocalMedia = { stream: MediaStream | null; problem: MediaProblem | null };

const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: "user" };

function problemKind(err: unknown): MediaProblem["kind"] {
  const name = err instanceof Error ? err.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "missing";
  return "busy";
}

/** Asks for camera and microphone together (one prompt), then for each alone if that fails. */
export async function acquireLocalMedia(devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices): Promise<LocalMedia> {
  if (!devices?.getUserMedia) return { stream: null, problem: { kind: "unsupported", devices: ["camera", "microphone"] } };
  try {
    return { stream: await devices.getUserMedia({ audio: AUDIO, video: VIDEO }), problem: null };
  } catch (both) {
    const [audio, video] = await Promise.allSettled([devices.getUserMedia({ audio: AUDIO }), devices.getUserMedia({ video: VIDEO })]);
    const tracks = [audio, video].flatMap((r) => (r.status === "fulfilled" ? r.value.getTracks() : []));
    const failed: Device[] = [];
    if (audio.status === "rejected") failed.push("microphone");
    if (video.status === "rejected") failed.push("camera");
    const firstFailure = audio.status === "rejected" ? audio.reason : video.status === "rejected" ? video.reason : both;
    return {
      stream: tracks.length ? new MediaStream(tracks) : null,
      // Both alone worked where together did not (rare: a driver quirk); nothing to report then.
      problem: failed.length ? { kind: problemKind(firstFailure), devices: failed } : null,
    };
  }
}

export function stopLocalMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
