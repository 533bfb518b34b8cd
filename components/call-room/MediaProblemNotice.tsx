import type { MediaProblem } from "@/lib/media/browser/local-media";
import { DismissButton } from "@/components/ui/DismissButton";

function list(devices: MediaProblem["devices"]): string {
  return devices.length === 2 ? "camera and microphone" : devices[0] ?? "camera";
}

function settingNames(devices: MediaProblem["devices"]): string {
  return devices.map((d) => (d === "camera" ? "Camera" : "Microphone")).join(" and ");
}

function explain(problem: MediaProblem): { title: string; fix: string } {
  const what = list(problem.devices);
  switch (problem.kind) {
    case "denied":
      return {
        title: `Your browser is blocking your ${what}.`,
        fix: `To fix it, open this site's settings (the icon at the left of the address bar), set ${settingNames(problem.devices)} to Allow, then reload this page.`,
      };
    case "missing":
      return { title: `No ${what} found.`, fix: `Plug one in or check your system settings, then reload this page.` };
    case "busy":
      return { title: `Your ${what} is being used by another app.`, fix: "Close the other app (or browser tab) using it, then reload this page." };
    case "unsupported":
      return { title: "This page can't use a camera or microphone.", fix: "Video calls need a secure address: open Meetcute over https (or on localhost)." };
  }
}

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
  const { title, fix } = explain(problem);
  return (
    <div role="alert" data-testid="media-problem" className="relative rounded-xl bg-amber-50 p-3 pr-10 text-sm text-amber-950 shadow-lg">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{fix}</p>
      <p className="mt-1 text-amber-900/80">{carryOn(problem, otherName)}</p>
      <DismissButton onDismiss={onDismiss} className="right-1.5 top-1.5 text-lg text-amber-900 hover:bg-amber-100 focus-visible:ring-amber-400" />
    </div>
  );
}
