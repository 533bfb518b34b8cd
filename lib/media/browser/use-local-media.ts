"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { acquireLocalMedia, acquireTrack, stopLocalMedia, type Device, type LocalMedia, type MediaProblem } from "@/lib/media/browser/local-media";
import { fallbackDevice, loadDeviceChoice, rememberDevice, resolveDevice, type DeviceInfo } from "@/lib/media/browser/device-choice";

// The member's camera and mic for as long as the page is open: started on the devices they
// chose (remembered on this device), switched on request, and moved to the default device when
// the one in use goes away (unplugged). A switch swaps the track inside the same MediaStream, so
// whoever holds the stream (the call's transport) keeps it; `onTrackReplaced` hands the new track
// to whoever sends it.

export type LocalMediaOptions = {
  /** A track was swapped in (a switch or a fallback): send it instead of the old one. */
  onTrackReplaced?: (track: MediaStreamTrack) => void;
  /** The device in use went away and `device` took over (null: nothing of that kind is left). */
  onDeviceLost?: (kind: Device, device: DeviceInfo | null) => void;
};

export type LocalMediaControls = {
  /** Null while the browser is asking. */
  media: LocalMedia | null;
  /** Every camera, microphone and speaker the browser lists. */
  devices: DeviceInfo[];
  /** The device each kind is on now. */
  inUse: { camera?: string; microphone?: string; speaker?: string };
  /** Moves to another camera or microphone and remembers it; the problem when it can't be opened. */
  switchDevice: (kind: Device, deviceId: string) => Promise<MediaProblem | null>;
  /** Chooses (and remembers) the speaker; the page routes sound to it where setSinkId exists. */
  chooseSpeaker: (deviceId: string) => void;
  /** A different value after every swap, for effects that read the stream's tracks. */
  version: number;
};

const storage = () => (typeof window === "undefined" ? undefined : window.localStorage);
const kindOf = (device: Device) => (device === "camera" ? "video" : "audio");

async function listDevices(): Promise<DeviceInfo[]> {
  const list = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []);
  return (list ?? []).map((d) => ({ kind: d.kind, deviceId: d.deviceId, label: d.label }));
}

export function useLocalMedia(options: LocalMediaOptions = {}): LocalMediaControls {
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [devices, setDevices] = useState<DeviceInfo[]>([]);
  const [version, setVersion] = useState(0);
  const [speaker, setSpeaker] = useState<string | undefined>(undefined);
  const stream = useRef<MediaStream | null>(null);
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });

  /** Puts `track` in the stream in place of the old track of its kind (stopped), keeping it muted if that was. */
  const swapIn = useCallback((track: MediaStreamTrack, enabled: boolean) => {
    let s = stream.current;
    if (!s) {
      s = new MediaStream();
      stream.current = s;
      setMedia((m) => ({ problem: m?.problem ?? null, stream: s }));
    }
    for (const old of s.getTracks()) {
      if (old.kind !== track.kind || old === track) continue;
      s.removeTrack(old);
      old.stop();
    }
    track.enabled = enabled;
    s.addTrack(track);
    setVersion((v) => v + 1);
    callbacks.current.onTrackReplaced?.(track);
  }, []);

  /**
   * Opens `deviceId` for `kind` instead of the current one. The old track is stopped first:
   * most phones cannot open their front and back cameras at once. If the new one fails, the old
   * device is opened again so the call keeps what it had.
   */
  const replace = useCallback(
    async (kind: Device, deviceId: string): Promise<MediaProblem | null> => {
      const old = stream.current?.getTracks().find((t) => t.kind === kindOf(kind));
      const enabled = old?.enabled ?? true;
      const oldId = old?.getSettings().deviceId;
      old?.stop();
      const opened = await acquireTrack(kind, deviceId);
      if ("track" in opened) {
        swapIn(opened.track, enabled);
        return null;
      }
      const back = old && oldId ? await acquireTrack(kind, oldId) : null;
      if (back && "track" in back) swapIn(back.track, enabled);
      return opened.problem;
    },
    [swapIn],
  );

  const switchDevice = useCallback(
    async (kind: Device, deviceId: string) => {
      const problem = await replace(kind, deviceId);
      if (!problem) {
        const label = devices.find((d) => d.deviceId === deviceId)?.label ?? "";
        rememberDevice(storage(), kind, { deviceId, label });
      }
      return problem;
    },
    [replace, devices],
  );

  const chooseSpeaker = useCallback(
    (deviceId: string) => {
      setSpeaker(deviceId);
      rememberDevice(storage(), "speaker", { deviceId, label: devices.find((d) => d.deviceId === deviceId)?.label ?? "" });
    },
    [devices],
  );

  // On arrival: the remembered devices, or the browser's defaults.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const choice = loadDeviceChoice(storage());
      const before = await listDevices();
      const result = await acquireLocalMedia(undefined, {
        camera: resolveDevice("camera", choice, before),
        microphone: resolveDevice("microphone", choice, before),
      });
      if (cancelled) return stopLocalMedia(result.stream);
      stream.current = result.stream;
      const after = await listDevices(); // with labels, now that permission is settled
      if (cancelled) return;
      setDevices(after);
      setSpeaker(resolveDevice("speaker", choice, after));
      setMedia(result);
    })();
    // Turns the camera light off when the member leaves the page.
    return () => {
      cancelled = true;
      stopLocalMedia(stream.current);
    };
  }, []);

  // A device plugged in or out, or a track the system ended (unplugged, taken away): list again,
  // and move a kind whose device is gone to the default one.
  useEffect(() => {
    if (!media) return;
    const md = navigator.mediaDevices;
    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const list = await listDevices();
        setDevices(list);
        for (const kind of ["camera", "microphone"] as const) {
          const track = stream.current?.getTracks().find((t) => t.kind === kindOf(kind));
          if (!track) continue;
          const ended = track.readyState === "ended";
          const next = fallbackDevice(kind, track.getSettings().deviceId, list, ended);
          if (!next && !ended) continue;
          if (next && !(await replace(kind, next.deviceId))) callbacks.current.onDeviceLost?.(kind, next);
          else callbacks.current.onDeviceLost?.(kind, null);
        }
      } finally {
        checking = false;
      }
    };
    const onEnded = () => void check();
    const tracks = stream.current?.getTracks() ?? [];
    for (const t of tracks) t.addEventListener("ended", onEnded);
    md?.addEventListener?.("devicechange", onEnded);
    return () => {
      for (const t of tracks) t.removeEventListener("ended", onEnded);
      md?.removeEventListener?.("devicechange", onEnded);
    };
  }, [media, version, replace]);

  const tracks = media?.stream?.getTracks() ?? [];
  const idOf = (k: "audio" | "video") => tracks.find((t) => t.kind === k && t.readyState === "live")?.getSettings().deviceId;
  return {
    media,
    devices,
    inUse: { camera: idOf("video"), microphone: idOf("audio"), speaker },
    switchDevice,
    chooseSpeaker,
    version,
  };
}
