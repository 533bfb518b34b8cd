"use client";

import { useState } from "react";
import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import type { DeviceKind } from "@/lib/media/browser/device-choice";
import type { MediaProblem } from "@/lib/media/browser/device-help";
import { DevicePickers } from "@/components/devices/DevicePickers";
import { DeviceProblemHelp } from "@/components/devices/DeviceProblemHelp";
import { MicLevelMeter } from "@/components/devices/MicLevelMeter";
import { TestSoundButton } from "@/components/devices/TestSoundButton";

/**
 * Choosing and trying the devices: pickers, the live mic level and a test sound. Used by the
 * device check page and the caller's ringing screen; every choice is remembered for the calls.
 */
export function DevicePanel({ controls, tone = "light" }: { controls: LocalMediaControls; tone?: "light" | "dark" }) {
  const [switching, setSwitching] = useState(false);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const stream = controls.media?.stream ?? null;

  async function choose(kind: DeviceKind, deviceId: string) {
    if (!deviceId) return;
    if (kind === "speaker") return controls.chooseSpeaker(deviceId);
    setSwitching(true);
    setProblem(await controls.switchDevice(kind, deviceId));
    setSwitching(false);
  }

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
