"use client";

import { useState } from "react";
import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import type { DeviceKind } from "@/lib/media/browser/device-choice";
import type { MediaProblem } from "@/lib/media/browser/device-help";

/**
 * A device picked from a list (the device check, the ringing screen, the in-call menu): the
 * speaker is set at once; a camera or microphone is switched, with `switching` true meanwhile
 * and `problem` saying why the device could not be used (null when it could).
 */
export function useDeviceSwitch(controls: LocalMediaControls) {
  const [switching, setSwitching] = useState(false);
  const [problem, setProblem] = useState<MediaProblem | null>(null);

  async function choose(kind: DeviceKind, deviceId: string) {
    if (!deviceId) return;
    if (kind === "speaker") return controls.chooseSpeaker(deviceId);
    setSwitching(true);
    try {
      setProblem(await controls.switchDevice(kind, deviceId));
    } finally {
      setSwitching(false);
    }
  }

  return { switching, problem, choose };
}
