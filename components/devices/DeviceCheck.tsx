"use client";

import { useLocalMedia } from "@/lib/media/browser/use-local-media";
import { DevicePanel } from "@/components/devices/DevicePanel";
import { DeviceProblemHelp } from "@/components/devices/DeviceProblemHelp";
import { SelfView } from "@/components/call-room/SelfView";

/** The camera and microphone check: see yourself, pick devices, watch the mic, hear a sound. */
export function DeviceCheck() {
  const controls = useLocalMedia();
  const { media } = controls;
  return (
    <div className="grid gap-5 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] md:items-start">
      <div className="grid gap-3">
        <SelfView stream={media?.stream ?? null} starting={media === null} cameraOn version={controls.version} className="aspect-[4/3] w-full" />
        {media?.problem && <DeviceProblemHelp problem={media.problem} />}
        {media && !media.problem && <p className="text-sm text-slate-600">All set: your next call uses these.</p>}
      </div>
      <section className="card p-5" aria-label="Devices">
        <DevicePanel controls={controls} />
      </section>
    </div>
  );
}
