"use client";

import { BellIcon } from "@/components/ui/icons";
import { useRingtoneMuted } from "@/lib/calls/browser/ringtone-mute";

/** Header switch for the incoming-call ringtone; the choice is remembered in this browser. */
export function RingtoneMuteToggle({ className = "" }: { className?: string }) {
  const [muted, setMuted] = useRingtoneMuted();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={!muted}
      aria-label="Ringtone"
      title={muted ? "Ringtone off" : "Ringtone on"}
      data-testid="ringtone-toggle"
      onClick={() => setMuted(!muted)}
      className={`inline-flex size-9 items-center justify-center rounded-lg text-lg hover:bg-pink-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-pink-400 ${className}`}
    >
      <BellIcon off={muted} className="size-5" />
    </button>
  );
}
