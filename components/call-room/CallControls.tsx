"use client";

import type { LocalMediaControls } from "@/lib/media/browser/use-local-media";
import { CameraIcon, HangUpIcon, MicIcon } from "@/components/call-room/CallIcons";
import { DeviceMenu } from "@/components/call-room/DeviceMenu";

type CallControlsProps = {
  micOn: boolean;
  cameraOn: boolean;
  /** False when there is no microphone / camera in the call at all (refused or missing). */
  hasMic: boolean;
  hasCamera: boolean;
  ending: boolean;
  onToggleMic: () => void;
  onToggleCamera: () => void;
  onEnd: () => void;
  /** The member's devices, for the device menu. */
  devices: LocalMediaControls;
};

const round = "flex size-14 items-center justify-center rounded-full shadow-lg transition";

/** Mute, camera off, devices and end call: big round buttons with a label under each. */
export function CallControls({ micOn, cameraOn, hasMic, hasCamera, ending, onToggleMic, onToggleCamera, onEnd, devices }: CallControlsProps) {
  const toggle = (on: boolean) =>
    `${round} ${on ? "bg-white/20 text-white hover:bg-white/30" : "bg-white text-slate-900 hover:bg-slate-100"} group-disabled:opacity-40`;
  const button = "group flex flex-col items-center gap-1.5 text-xs font-medium text-white focus-visible:outline-none disabled:cursor-not-allowed";
  const focusRing = "group-focus-visible:ring-2 group-focus-visible:ring-white group-focus-visible:ring-offset-2 group-focus-visible:ring-offset-black";
  return (
    <div role="toolbar" aria-label="Call controls" className="flex items-start justify-center gap-4 sm:gap-10">
      <button type="button" aria-pressed={!micOn} disabled={!hasMic} onClick={onToggleMic} className={button}>
        <span className={`${toggle(micOn)} ${focusRing}`}>
          <MicIcon off={!micOn} />
        </span>
        Mute
      </button>
      <button type="button" aria-pressed={!cameraOn} disabled={!hasCamera} onClick={onToggleCamera} className={button}>
        <span className={`${toggle(cameraOn)} ${focusRing}`}>
          <CameraIcon off={!cameraOn} />
        </span>
        Camera off
      </button>
      <DeviceMenu controls={devices} buttonClass={button} iconClass={`${toggle(true)} ${focusRing}`} />
      <button type="button" disabled={ending} onClick={onEnd} className={button}>
        <span className={`${round} bg-red-600 text-white hover:bg-red-700 group-disabled:opacity-60 ${focusRing}`}>
          <HangUpIcon className="size-7" />
        </span>
        End call
      </button>
    </div>
  );
}
