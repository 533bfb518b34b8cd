import type { MediaProblem } from "@/lib/media/browser/local-media";
import { DeviceProblemHelp } from "@/components/devices/DeviceProblemHelp";
import { DismissButton } from "@/components/ui/DismissButton";

/** What still works while the camera or microphone does not. */
function carryOn(problem: MediaProblem, otherName: string): string {
  const camera = !problem.devices.includes("camera");
  const mic = !problem.devices.includes("microphone");
  if (mic && !camera) return `The call goes on with audio only: ${otherName} can hear you but not see you.`;
  if (camera && !mic) return `The call goes on: ${otherName} can see you but not hear you.`;
  return `You can still see and hear ${otherName}, but they can't see or hear you.`;
}

/** Why the member's camera or microphone is not in the call, how to fix it, and what still works. */
export function MediaProblemNotice({ problem, otherName, onDismiss }: { problem: MediaProblem; otherName: string; onDismiss: () => void }) {
  return (
    <div className="relative">
      <DeviceProblemHelp problem={problem} className="pr-10 shadow-lg">
        <p className="mt-1 text-amber-900/80">{carryOn(problem, otherName)}</p>
      </DeviceProblemHelp>
      <DismissButton onDismiss={onDismiss} className="right-1.5 top-1.5 text-lg text-amber-900 hover:bg-amber-100 focus-visible:ring-amber-400" />
    </div>
  );
}
