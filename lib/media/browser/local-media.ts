// The member's own camera and microphone. When one of them is refused, missing or busy the call
// goes on with what works (audio only, video only, or receive only) and the page says why.
// The devices asked for are the ones the member chose (device-choice.ts), when still there.
import { classifyFailure, type Device, type MediaProblem } from "@/lib/media/browser/device-help";

export type { Device, MediaProblem } from "@/lib/media/browser/device-help";

export type LocalMedia = { stream: MediaStream | null; problem: MediaProblem | null };
/** The device ids to ask for; none: the browser's default. */
export type DeviceIds = { camera?: string; microphone?: string };

const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

/**
 * The constraints for one kind: exactly the chosen device (Chrome does not prefer an `ideal`
 * deviceId over its default), or without a choice the front camera on a phone.
 */
export function constraintsFor(kind: Device, deviceId: string | undefined): MediaTrackConstraints {
  if (kind === "microphone") return deviceId ? { ...AUDIO, deviceId: { exact: deviceId } } : AUDIO;
  return deviceId ? { ...VIDEO, deviceId: { exact: deviceId } } : { ...VIDEO, facingMode: "user" };
}

const secure = () => globalThis.isSecureContext !== false;

/**
 * Asks for camera and microphone together (one prompt), then for each alone if that fails. A
 * chosen device that is gone (unplugged since) must not cost the call its video or sound: then
 * it asks again for the browser's defaults.
 */
export async function acquireLocalMedia(devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices, ids: DeviceIds = {}): Promise<LocalMedia> {
  if (!devices?.getUserMedia) return { stream: null, problem: { kind: "unsupported", devices: ["camera", "microphone"] } };
  const chosen = await acquire(devices, ids);
  if (chosen.problem?.kind !== "missing" || (!ids.camera && !ids.microphone)) return chosen;
  stopLocalMedia(chosen.stream);
  return acquire(devices, {});
}

async function acquire(devices: MediaDevices, ids: DeviceIds): Promise<LocalMedia> {
  const audio = constraintsFor("microphone", ids.microphone);
  const video = constraintsFor("camera", ids.camera);
  try {
    return { stream: await devices.getUserMedia({ audio, video }), problem: null };
  } catch (both) {
    const [a, v] = await Promise.allSettled([devices.getUserMedia({ audio }), devices.getUserMedia({ video })]);
    const tracks = [a, v].flatMap((r) => (r.status === "fulfilled" ? r.value.getTracks() : []));
    const failed: Device[] = [];
    if (a.status === "rejected") failed.push("microphone");
    if (v.status === "rejected") failed.push("camera");
    const firstFailure = a.status === "rejected" ? a.reason : v.status === "rejected" ? v.reason : both;
    return {
      stream: tracks.length ? new MediaStream(tracks) : null,
      // Both alone worked where together did not (rare: a driver quirk); nothing to report then.
      problem: failed.length ? { kind: classifyFailure(firstFailure, secure()), devices: failed } : null,
    };
  }
}

/** Opens one device on its own (a switch, or a fallback after an unplug): its track, or the problem. */
export async function acquireTrack(
  kind: Device,
  deviceId: string | undefined,
  devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices,
): Promise<{ track: MediaStreamTrack } | { problem: MediaProblem }> {
  if (!devices?.getUserMedia) return { problem: { kind: "unsupported", devices: [kind] } };
  try {
    const constraints = constraintsFor(kind, deviceId);
    const stream = await devices.getUserMedia(kind === "camera" ? { video: constraints } : { audio: constraints });
    const track = stream.getTracks()[0];
    if (!track) return { problem: { kind: "missing", devices: [kind] } };
    return { track };
  } catch (err) {
    return { problem: { kind: classifyFailure(err, secure()), devices: [kind] } };
  }
}

export function stopLocalMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
