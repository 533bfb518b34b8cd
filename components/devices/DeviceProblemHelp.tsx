"use client";

import type { MediaProblem } from "@/lib/media/browser/device-help";
import { deviceHelp } from "@/lib/media/browser/device-help";
import { usePlatform } from "@/lib/media/browser/use-platform";

/** Why a camera or microphone does not work and how to fix it, in this browser on this device. */
export function DeviceProblemHelp({ problem, children, className = "" }: { problem: MediaProblem; children?: React.ReactNode; className?: string }) {
  const { title, fix } = deviceHelp(problem, usePlatform());
  return (
    <div role="alert" data-testid="media-problem" data-kind={problem.kind} className={`rounded-xl bg-amber-50 p-3 text-sm text-amber-950 shadow-sm ring-1 ring-amber-200 ${className}`}>
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{fix}</p>
      {children}
    </div>
  );
}
