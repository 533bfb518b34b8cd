// The camera, microphone and speaker a member chose, remembered on this device (localStorage)
// and used by every call. Device ids are per site and can change (cleared site data, a new
// browser profile), so the label is kept too and matches when the id no longer does. Pure
// except for the storage passed in.
import { z } from "zod";

export type DeviceKind = "camera" | "microphone" | "speaker";
export type DeviceChoice = Partial<Record<DeviceKind, { deviceId: string; label: string }>>;
/** What enumerateDevices() gives, reduced to what we use. */
export type DeviceInfo = { kind: MediaDeviceKind; deviceId: string; label: string };

export const DEVICE_CHOICE_KEY = "meetcute.devices";

export const MEDIA_KIND: Record<DeviceKind, MediaDeviceKind> = { camera: "videoinput", microphone: "audioinput", speaker: "audiooutput" };

const entry = z.object({ deviceId: z.string().min(1).max(500), label: z.string().max(500) });
const choiceSchema = z.object({ camera: entry.optional(), microphone: entry.optional(), speaker: entry.optional() });

type Storage = Pick<globalThis.Storage, "getItem" | "setItem">;

/** The remembered choice; empty when none, or when what is stored is not ours to trust. */
export function loadDeviceChoice(storage: Storage | undefined): DeviceChoice {
  try {
    const raw = storage?.getItem(DEVICE_CHOICE_KEY);
    if (!raw) return {};
    const parsed = choiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {}; // Storage refused (private mode, blocked cookies) or not JSON: nothing remembered.
  }
}

/** Remembers one kind's choice beside the others; returns the whole choice. */
export function rememberDevice(storage: Storage | undefined, kind: DeviceKind, device: { deviceId: string; label: string }): DeviceChoice {
  const next = { ...loadDeviceChoice(storage), [kind]: { deviceId: device.deviceId, label: device.label } };
  try {
    storage?.setItem(DEVICE_CHOICE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or refused: the choice holds for this page only.
  }
  return next;
}

/** The device to ask for: the remembered one if it is still here (by id, else by label), else none (the browser's default). */
export function resolveDevice(kind: DeviceKind, choice: DeviceChoice, devices: DeviceInfo[]): string | undefined {
  const wanted = choice[kind];
  if (!wanted) return undefined;
  const ofKind = devices.filter((d) => d.kind === MEDIA_KIND[kind]);
  // Before permission is granted the list has no ids; ask for the remembered one and let the browser decide.
  if (!ofKind.some((d) => d.deviceId)) return wanted.deviceId;
  return (ofKind.find((d) => d.deviceId === wanted.deviceId) ?? (wanted.label ? ofKind.find((d) => d.label === wanted.label) : undefined))?.deviceId;
}

/**
 * After a device went away (unplugged mid-call, or its track `ended`): the one to use instead, or
 * null when the one in use is still here (nothing to do) or there is nothing left of that kind. The system's default
 * comes first, as the member would expect, then the first one listed.
 */
export function fallbackDevice(kind: DeviceKind, inUse: string | undefined, devices: DeviceInfo[], ended = false): DeviceInfo | null {
  const ofKind = devices.filter((d) => d.kind === MEDIA_KIND[kind] && d.deviceId);
  if (!ended && inUse && ofKind.some((d) => d.deviceId === inUse)) return null;
  // An ended track whose id is still listed is the system's "default" now meaning another device: open it again.
  return ofKind.find((d) => d.deviceId === "default") ?? ofKind[0] ?? null;
}

/** A readable name for a device; browsers give none before permission is granted. */
export function deviceLabel(kind: DeviceKind, device: DeviceInfo, index: number): string {
  if (device.label) return device.label;
  return `${kind === "camera" ? "Camera" : kind === "microphone" ? "Microphone" : "Speaker"} ${index + 1}`;
}
