"use client";

import { useCallback, useId, useRef, useState } from "react";
import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import { MEDIA_KIND } from "@/lib/media/browser/device-choice";
import { useDeviceSwitch } from "@/lib/media/browser/use-device-switch";
import { useDismiss } from "@/lib/browser/use-dismiss";
import { DevicePickers } from "@/components/devices/DevicePickers";
import { DeviceProblemHelp } from "@/components/devices/DeviceProblemHelp";
import { FlipCameraIcon, SettingsIcon } from "@/components/call-room/CallIcons";

/**
 * The in-call device menu: switch camera (front/back on a phone), microphone and speaker
 * without leaving the call. The new track replaces the old one in the sender, so nothing is
 * renegotiated and the other member just sees the new picture.
 */
export function DeviceMenu({ controls, buttonClass, iconClass }: { controls: LocalMediaControls; buttonClass: string; iconClass: string }) {
  const [open, setOpen] = useState(false);
  const { switching, problem, choose } = useDeviceSwitch(controls);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, ref, close);
  const panelId = useId();

  const cameras = controls.devices.filter((d) => d.kind === MEDIA_KIND.camera && d.deviceId);
  const current = controls.inUse.camera;

  /** Front to back and round: the next camera in the list. */
  function flip() {
    const at = cameras.findIndex((d) => d.deviceId === current);
    const next = cameras[(at + 1) % cameras.length];
    if (next) void choose("camera", next.deviceId);
  }

  return (
    <div ref={ref} className="relative">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} className={buttonClass}>
        <span className={iconClass}>
          <SettingsIcon />
        </span>
        Devices
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Camera, microphone and speaker"
          className="fixed inset-x-3 bottom-[calc(max(1.25rem,env(safe-area-inset-bottom))+6.5rem)] z-30 mx-auto max-w-sm rounded-2xl border border-white/15 bg-slate-900 p-4 text-left text-white shadow-2xl sm:absolute sm:inset-x-auto sm:bottom-full sm:left-1/2 sm:mb-3 sm:w-96 sm:-translate-x-1/2"
        >
          {cameras.length > 1 && (
            <button
              type="button"
              onClick={flip}
              disabled={switching}
              className="mb-3 flex w-full items-center justify-center gap-2 rounded-xl bg-white/15 px-3 py-2.5 text-sm font-semibold hover:bg-white/25 disabled:opacity-60"
            >
              <FlipCameraIcon className="size-5" />
              {switching ? "Switching…" : "Switch camera"}
            </button>
          )}
          <DevicePickers devices={controls.devices} inUse={controls.inUse} onChoose={(k, id) => void choose(k, id)} busy={switching} tone="dark" problem={controls.media?.problem} />
          {problem && <DeviceProblemHelp problem={problem} className="mt-3" />}
        </div>
      )}
    </div>
  );
}
