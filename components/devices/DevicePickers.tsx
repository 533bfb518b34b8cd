"use client";

import { useSyncExternalStore } from "react";
import { deviceLabel, MEDIA_KIND, type DeviceInfo, type DeviceKind } from "@/lib/media/browser/device-choice";
import type { MediaProblem } from "@/lib/media/browser/device-help";
import { canChooseSpeaker } from "@/lib/media/browser/test-sound";

type DevicePickersProps = {
  devices: DeviceInfo[];
  inUse: Partial<Record<DeviceKind, string>>;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
  /** A switch is under way: the selects wait. */
  busy?: boolean;
  tone?: "light" | "dark";
  /** Why a camera or microphone is missing: its picker says blocked rather than none found. */
  problem?: MediaProblem | null;
};

const TITLES: Record<DeviceKind, string> = { camera: "Camera", microphone: "Microphone", speaker: "Speaker" };
const noSubscription = () => () => {};

/** Camera, microphone and (where the browser can route sound) speaker pickers. */
export function DevicePickers({ devices, inUse, onChoose, busy = false, tone = "light", problem }: DevicePickersProps) {
  const speakers = useSyncExternalStore(noSubscription, canChooseSpeaker, () => false);
  const kinds: DeviceKind[] = speakers ? ["camera", "microphone", "speaker"] : ["camera", "microphone"];
  const select =
    tone === "dark"
      ? "block w-full rounded-xl border border-white/20 bg-slate-800 px-3 py-2.5 text-base text-white outline-none focus:ring-2 focus:ring-pink-400 disabled:opacity-60"
      : "field disabled:opacity-60";
  return (
    <div className="grid gap-3">
      {kinds.map((kind) => {
        const options = devices.filter((d) => d.kind === MEDIA_KIND[kind] && d.deviceId);
        const id = `device-${kind}`;
        // The speaker "in use" before any choice is the system's default.
        const value = inUse[kind] ?? (kind === "speaker" ? (options.find((d) => d.deviceId === "default") ?? options[0])?.deviceId : undefined) ?? "";
        return (
          <div key={kind}>
            <label htmlFor={id} className={tone === "dark" ? "mb-1 block text-sm font-medium text-white/80" : "label"}>
              {TITLES[kind]}
            </label>
            <select id={id} className={select} value={value} disabled={busy || options.length === 0} onChange={(e) => onChoose(kind, e.target.value)}>
              {options.length === 0 && (
                <option value="">{problem?.kind === "denied" && (problem.devices as string[]).includes(kind) ? "Blocked" : `No ${TITLES[kind].toLowerCase()} found`}</option>
              )}
              {value === "" && options.length > 0 && <option value="">Choose…</option>}
              {options.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {deviceLabel(kind, d, i)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}
