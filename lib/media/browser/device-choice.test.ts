import { describe, expect, it } from "vitest";
import { DEVICE_CHOICE_KEY, fallbackDevice, loadDeviceChoice, rememberDevice, resolveDevice, type DeviceInfo } from "@/lib/media/browser/device-choice";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const cam = (deviceId: string, label = deviceId): DeviceInfo => ({ kind: "videoinput", deviceId, label });
const mic = (deviceId: string, label = deviceId): DeviceInfo => ({ kind: "audioinput", deviceId, label });

describe("remembered choice", () => {
  it("remembers each kind beside the others", () => {
    const storage = memoryStorage();
    rememberDevice(storage, "camera", { deviceId: "back", label: "Back Camera" });
    rememberDevice(storage, "microphone", { deviceId: "usb", label: "USB Mic" });
    expect(loadDeviceChoice(storage)).toEqual({ camera: { deviceId: "back", label: "Back Camera" }, microphone: { deviceId: "usb", label: "USB Mic" } });
    rememberDevice(storage, "camera", { deviceId: "front", label: "Front Camera" });
    expect(loadDeviceChoice(storage).camera).toEqual({ deviceId: "front", label: "Front Camera" });
  });

  it("forgets what it can't trust: junk, the wrong shape, storage that throws", () => {
    expect(loadDeviceChoice(memoryStorage({ [DEVICE_CHOICE_KEY]: "{not json" }))).toEqual({});
    expect(loadDeviceChoice(memoryStorage({ [DEVICE_CHOICE_KEY]: JSON.stringify({ camera: { deviceId: 3 } }) }))).toEqual({});
    expect(loadDeviceChoice(memoryStorage({ [DEVICE_CHOICE_KEY]: JSON.stringify({ camera: { deviceId: "", label: "" } }) }))).toEqual({});
    const throwing = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(loadDeviceChoice(throwing)).toEqual({});
    expect(rememberDevice(throwing, "speaker", { deviceId: "hdmi", label: "HDMI" })).toEqual({ speaker: { deviceId: "hdmi", label: "HDMI" } });
    expect(loadDeviceChoice(undefined)).toEqual({});
  });
});

describe("resolveDevice", () => {
  const choice = { camera: { deviceId: "old-id", label: "Logitech C920" }, microphone: { deviceId: "m2", label: "USB Mic" } };

  it("uses the remembered device when it is still there", () => {
    expect(resolveDevice("microphone", choice, [mic("default"), mic("m2", "USB Mic")])).toBe("m2");
  });

  it("finds it by its name when its id changed", () => {
    expect(resolveDevice("camera", choice, [cam("built-in", "FaceTime HD"), cam("new-id", "Logitech C920")])).toBe("new-id");
  });

  it("falls back to the browser's default when it is gone", () => {
    expect(resolveDevice("camera", choice, [cam("built-in", "FaceTime HD")])).toBeUndefined();
    expect(resolveDevice("speaker", choice, [cam("built-in")])).toBeUndefined();
  });

  it("asks for the remembered id before permission, when the list has no ids", () => {
    expect(resolveDevice("camera", choice, [cam("", "")])).toBe("old-id");
  });
});

describe("fallbackDevice", () => {
  it("keeps the device in use while it is there", () => {
    expect(fallbackDevice("microphone", "usb", [mic("default"), mic("usb")])).toBeNull();
  });

  it("moves to the system default when the one in use is unplugged", () => {
    expect(fallbackDevice("microphone", "usb", [mic("builtin"), mic("default", "Default")])).toEqual(mic("default", "Default"));
  });

  it("takes the first left when there is no default (cameras have none)", () => {
    expect(fallbackDevice("camera", "usb-cam", [cam("front"), cam("back")])).toEqual(cam("front"));
  });

  it("opens the default again when its track ended (the default now means another device)", () => {
    expect(fallbackDevice("microphone", "default", [mic("default"), mic("builtin")], true)).toEqual(mic("default"));
    expect(fallbackDevice("microphone", "default", [mic("default")], false)).toBeNull();
  });

  it("has nothing to offer when no device of that kind is left", () => {
    expect(fallbackDevice("camera", "usb-cam", [mic("default")])).toBeNull();
  });
});
