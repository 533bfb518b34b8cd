import { CallAvatar } from "@/components/call-room/CallAvatar";

type CallStageProps = {
  otherName: string;
  otherPhotoUrl: string | null;
  callType: string;
  /** "Connecting…", "Connected", "Sarah left"… */
  status: string;
  /** "0:42" on first calls, null on repeat calls. */
  countdown: string | null;
  /** Under ten seconds: the countdown turns red. */
  countdownUrgent: boolean;
  /** The connection-quality line under the status, once the media has connected. */
  quality: React.ReactNode;
  /** Whether the other member's picture is showing; until then their photo stands in. */
  remoteShowing: boolean;
  /** What the stand-in says: the status, or why there is no picture (their camera is off). */
  standIn: string;
  remote: React.ReactNode;
  self: React.ReactNode;
  notice: React.ReactNode;
  /** Blur until I reveal: who is still blurred, and the Reveal button (first calls). */
  blur?: React.ReactNode;
  controls: React.ReactNode;
  menu: React.ReactNode;
  /** The icebreaker card (or the button asking for one), under the header. */
  icebreaker?: React.ReactNode;
};

/**
 * The in-call layout, whichever transport carries the media: the other member full-screen, the
 * self-view in a corner, who and how long at the top, the controls at the bottom (clear of
 * the phone's safe areas).
 */
export function CallStage(p: CallStageProps) {
  return (
    <div data-testid="call-stage" className="fixed inset-0 z-50 overflow-hidden bg-slate-950 text-white">
      {p.remote}

      {!p.remoteShowing && (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-4 bg-gradient-to-b from-slate-900 to-slate-950 px-6 text-center">
          <CallAvatar name={p.otherName} photoUrl={p.otherPhotoUrl} className="size-28 text-4xl shadow-2xl sm:size-36" />
          <p className="text-2xl font-semibold">{p.otherName}</p>
          <p className="text-white/70" aria-hidden={p.standIn === p.status}>
            {p.standIn}
          </p>
        </div>
      )}

      <header className="absolute inset-x-0 top-0 z-10 flex items-start gap-3 bg-gradient-to-b from-black/75 via-black/40 to-transparent px-4 pb-10 pt-[max(0.75rem,env(safe-area-inset-top))] sm:px-6">
        <CallAvatar name={p.otherName} photoUrl={p.otherPhotoUrl} className="size-10 text-base ring-2 ring-white/60" />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold leading-tight sm:text-lg">{p.otherName}</h1>
          <p className="text-sm text-white/80" data-testid="call-state" aria-live="polite">
            {p.status}
          </p>
          {p.quality}
        </div>
        {p.countdown !== null && (
          <p
            role="timer"
            aria-label="Time left in this first call"
            data-testid="call-countdown"
            className={`rounded-full px-3 py-1 text-lg font-bold tabular-nums shadow ${p.countdownUrgent ? "bg-red-600 text-white" : "bg-white/20 text-white"}`}
          >
            {p.countdown}
          </p>
        )}
        <span className="sr-only">{p.callType}</span>
        {p.menu}
      </header>

      {(p.notice || p.icebreaker) && (
        // Below the header's status and quality lines (two of them on a phone).
        <div className="absolute inset-x-3 top-[calc(max(0.75rem,env(safe-area-inset-top))+5.75rem)] z-20 mx-auto flex max-w-md flex-col items-center gap-2">
          {p.notice}
          {p.icebreaker}
        </div>
      )}

      {p.self}

      <footer className="absolute inset-x-0 bottom-0 z-10 bg-gradient-to-t from-black/75 via-black/40 to-transparent px-4 pb-[max(1.25rem,env(safe-area-inset-bottom))] pt-12">
        {p.blur && <div className="mb-3">{p.blur}</div>}
        {p.controls}
      </footer>
    </div>
  );
}
