"use client";

import { useState } from "react";
import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import { CallAvatar } from "@/components/call-room/CallAvatar";
import { HangUpIcon, SettingsIcon } from "@/components/call-room/CallIcons";
import { SelfView } from "@/components/call-room/SelfView";
import { DevicePanel } from "@/components/devices/DevicePanel";
import { MicLevelMeter } from "@/components/devices/MicLevelMeter";

type RingingScreenProps = {
  otherName: string;
  otherPhotoUrl: string | null;
  callType: string;
  isMutual: boolean;
  /** The caller's devices: the ringing screen is also their device check. */
  devices: LocalMediaControls;
  local: MediaStream | null;
  localStarting: boolean;
  cameraOn: boolean;
  cancelling: boolean;
  onCancel: () => void;
  notice: React.ReactNode;
};

/**
 * The caller's screen while it rings: who, a pulsing photo, the self-view with a live mic level,
 * the device check (the caller waits here anyway), and Cancel.
 */
export function RingingScreen({ otherName, otherPhotoUrl, callType, isMutual, devices, local, localStarting, cameraOn, cancelling, onCancel, notice }: RingingScreenProps) {
  const [checking, setChecking] = useState(false);
  const gradient = isMutual ? "from-pink-500 via-fuchsia-600 to-purple-700" : "from-blue-600 via-cyan-700 to-green-700";
  return (
    <div
      data-testid="call-ringing"
      className={`fixed inset-0 z-50 flex flex-col items-center overflow-y-auto bg-gradient-to-br px-6 pb-[max(1.5rem,env(safe-area-inset-bottom))] pt-[max(1.5rem,env(safe-area-inset-top))] text-white ${gradient}`}
    >
      <p className="rounded-full bg-white/15 px-3 py-1 text-sm font-semibold">{callType}</p>
      {notice && <div className="mt-4 w-full max-w-md">{notice}</div>}

      <div className="flex flex-1 flex-col items-center justify-center gap-6 py-6 text-center">
        <div className="relative">
          <span aria-hidden="true" className="absolute inset-0 rounded-full bg-white/40 motion-safe:animate-ping" />
          <CallAvatar name={otherName} photoUrl={otherPhotoUrl} className="relative size-32 border-4 border-white/80 text-5xl shadow-2xl sm:size-40" />
        </div>
        <div>
          <h1 className="text-3xl font-bold tracking-tight" data-testid="call-state" aria-live="polite">
            Calling {otherName}…
          </h1>
          <p className="mt-2 text-white/85">Waiting for {otherName} to answer</p>
        </div>
      </div>

      <div className="absolute right-4 top-[max(4rem,calc(env(safe-area-inset-top)+3rem))] w-24 sm:w-40">
        <SelfView stream={local} starting={localStarting} cameraOn={cameraOn} version={devices.version} className="aspect-[3/4] w-full" />
        <MicLevelMeter stream={local} version={devices.version} tone="dark" className="mt-1.5 h-1.5" />
      </div>

      {checking && (
        <section aria-label="Camera and microphone check" className="mb-5 w-full max-w-md rounded-2xl bg-slate-950/80 p-4 text-left shadow-xl">
          <DevicePanel controls={devices} tone="dark" />
        </section>
      )}

      <div className="flex items-start justify-center gap-10">
        <button
          type="button"
          aria-expanded={checking}
          onClick={() => setChecking((c) => !c)}
          className="group flex flex-col items-center gap-2 text-sm font-semibold focus-visible:outline-none"
        >
          <span className="flex size-16 items-center justify-center rounded-full bg-white/20 shadow-lg transition group-hover:bg-white/30 group-focus-visible:ring-2 group-focus-visible:ring-white">
            <SettingsIcon className="size-7" />
          </span>
          {checking ? "Hide check" : "Check camera & mic"}
        </button>
        <button
          type="button"
          onClick={onCancel}
          disabled={cancelling}
          className="group flex flex-col items-center gap-2 text-sm font-semibold focus-visible:outline-none disabled:cursor-wait"
        >
          <span className="flex size-16 items-center justify-center rounded-full bg-red-600 shadow-lg transition group-hover:bg-red-700 group-focus-visible:ring-2 group-focus-visible:ring-white group-focus-visible:ring-offset-2 group-focus-visible:ring-offset-transparent group-disabled:opacity-60">
            <HangUpIcon className="size-8" />
          </span>
          {cancelling ? "Cancelling…" : "Cancel"}
        </button>
      </div>
    </div>
  );
}
