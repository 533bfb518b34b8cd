import { SpeakerIcon } from "@/components/call-room/CallIcons";

/**
 * Where the browser refused to start the other member's sound without a tap (Safari, Chrome
 * before any click on the page), the picture plays muted and this large button starts the sound.
 */
export function TapToHear({ otherName, onTap }: { otherName: string; onTap: () => void }) {
  return (
    <div className="absolute inset-0 z-20 flex items-center justify-center bg-black/30 p-6">
      <button
        type="button"
        onClick={onTap}
        data-testid="tap-to-hear"
        className="flex min-h-16 items-center gap-3 rounded-full bg-white px-7 py-4 text-lg font-semibold text-slate-900 shadow-2xl hover:bg-slate-100 focus-visible:outline-none focus-visible:ring-4 focus-visible:ring-white/60"
      >
        <SpeakerIcon className="size-7" />
        Tap to hear {otherName}
      </button>
    </div>
  );
}
