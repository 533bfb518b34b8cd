"use client";

import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import { useDeviceSwitch } from "@/lib/media/browser/use-device-switch";
import { DevicePickers } from "@/components/devices/DevicePickers";
import { DeviceProblemHelp } from "@/components/devices/DeviceProblemHelp";
import { MicLevelMeter } from "@/components/devices/MicLevelMeter";
import { TestSoundButton } from "@/components/devices/TestSoundButton";

/**
 * Choosing and trying the devices: pickers, the live mic level and a test sound. Used by the
 * device check page and the caller's ringing screen; every choice is remembered for the calls.
 */
export function DevicePanel({ controls, tone = "light" }: { controls: LocalMediaControls; tone?: "light" | "dark" }) {
  const { switching, problem, choose } = useDeviceSwitch(controls);
  const stream = controls.media?.stream ?? null;

  return (
    <div className="grid gap-4">
      <DevicePickers devices={controls.devices} inUse={controls.inUse} onChoose={(k, id) => void choose(k, id)} busy={switching || !controls.media} tone={tone} problem={controls.media?.problem} />
      {problem && <DeviceProblemHelp problem={problem} />}
      <div>
        <p className={`mb-1.5 text-sm font-medium ${tone === "dark" ? "text-white/80" : "text-slate-700"}`}>Say something: the bar should move</p>
        <MicLevelMeter stream={stream} version={controls.version} tone={tone} />
      </div>
      <TestSoundButton
        sinkId={controls.inUse.speaker}
        className={tone === "dark" ? "btn border border-white/25 bg-white/10 text-white hover:bg-white/20 focus-visible:ring-white" : "btn-secondary"}
      />
    </div>
  );
}
