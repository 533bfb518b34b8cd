"use client";

import type { OutgoingMode } from "@/lib/media/browser/outgoing-video";

/**
 * Blur until I reveal, in the call: whether each side's picture is still blurred, and the one
 * button that reveals one's own. Only the member themself can reveal their picture.
 */
export function BlurStatus({
  selfBlurred,
  otherBlurred,
  otherName,
  mode,
  revealing,
  onReveal,
}: {
  selfBlurred: boolean;
  otherBlurred: boolean;
  otherName: string;
  mode: OutgoingMode | null;
  revealing: boolean;
  onReveal: () => void;
}) {
  if (!selfBlurred && !otherBlurred) return null;
  return (
    <div className="flex flex-col items-center gap-2" data-testid="blur-status">
      {otherBlurred && (
        <p className="rounded-full bg-black/50 px-3 py-1 text-xs text-white/90" data-testid="other-blurred">
          {otherName} is blurred until they reveal
        </p>
      )}
      {selfBlurred && (
        <div className="flex items-center gap-2 rounded-full bg-black/50 py-1 pl-3 pr-1 text-xs text-white/90">
          <span data-testid="self-blurred">
            {mode === "placeholder" ? "Your camera is off: this device is too slow to blur it" : `${otherName} sees you blurred`}
          </span>
          <button
            type="button"
            onClick={onReveal}
            disabled={revealing}
            className="rounded-full bg-white px-3 py-1.5 text-xs font-semibold text-slate-900 shadow hover:bg-pink-50 disabled:opacity-60"
          >
            {revealing ? "Revealing…" : "Reveal me"}
          </button>
        </div>
      )}
    </div>
  );
}
