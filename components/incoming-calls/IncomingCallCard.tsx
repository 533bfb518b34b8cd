"use client";

import { useId } from "react";
import type { IncomingCall } from "@/lib/api/client";
import { timeAgo } from "@/lib/format";
import { DismissButton } from "@/components/ui/DismissButton";

export type IncomingCallCardProps = {
  call: IncomingCall;
  /** How long it has been ringing, ticking on the client between polls. */
  secondsAgo: number;
  /** The request in flight for this call, if any; both buttons wait for it. */
  pending?: "join" | "decline" | null;
  onJoin: () => void;
  onDecline: () => void;
  onDismiss: () => void;
};

const STYLES = {
  mutual: {
    heading: "💕 Mutual Match Calling!",
    card: "bg-gradient-to-r from-pink-50 to-purple-50 border-pink-500",
    badge: "bg-pink-100 text-pink-800",
    join: "bg-gradient-to-r from-pink-500 to-purple-600 hover:from-pink-600 hover:to-purple-700 focus-visible:ring-pink-400",
    avatar: "from-pink-500 to-purple-600",
  },
  first: {
    heading: "📞 Incoming Call",
    card: "bg-gradient-to-r from-blue-50 to-green-50 border-blue-500",
    badge: "bg-blue-100 text-blue-800",
    join: "bg-gradient-to-r from-blue-600 to-green-700 hover:from-blue-700 hover:to-green-800 focus-visible:ring-blue-400",
    avatar: "from-blue-500 to-green-600",
  },
} as const;

/** One ringing call: who, how long, Join / Decline / dismiss. Pure; the container does the I/O. */
export function IncomingCallCard({ call, secondsAgo, pending = null, onJoin, onDecline, onDismiss }: IncomingCallCardProps) {
  const id = useId();
  const kind = call.is_mutual_match ? "mutual" : "first";
  const style = STYLES[kind];
  const name = call.other_user_name;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";

  return (
    <section
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-testid="incoming-call"
      data-call-type={kind}
      data-session-id={call.session_id}
      // A bounce and a half: it settles where it belongs instead of snapping back from mid-air.
      className={`pointer-events-auto relative rounded-2xl border-2 p-4 shadow-xl motion-safe:animate-[bounce_0.8s_1.5] ${style.card}`}
    >
      <DismissButton onDismiss={onDismiss} className="right-2 top-2 text-xl text-slate-500 hover:bg-white/70 hover:text-slate-800 focus-visible:ring-slate-400" />

      <div className="flex items-center gap-3 pr-8">
        <div className="relative shrink-0">
          {call.other_user_photo_url ? (
            <img src={call.other_user_photo_url} alt="" className="size-14 rounded-full border-2 border-white object-cover shadow" />
          ) : (
            <span
              aria-hidden="true"
              className={`flex size-14 items-center justify-center rounded-full border-2 border-white bg-gradient-to-br text-xl font-bold text-white shadow ${style.avatar}`}
            >
              {initial}
            </span>
          )}
          <span
            aria-hidden="true"
            className="absolute -bottom-1 -right-1 flex size-7 items-center justify-center rounded-full bg-white text-sm shadow motion-safe:animate-pulse"
          >
            📞
          </span>
        </div>
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-bold text-slate-900">
            {style.heading}
          </h2>
          <p id={`${id}-desc`} className="truncate text-sm text-slate-700">
            <span className="font-semibold">{name}</span> is calling you
          </p>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs">
            <span className={`rounded-full px-2 py-0.5 font-semibold ${style.badge}`}>{call.call_type}</span>
            <span className="tabular-nums text-slate-600" data-testid="incoming-call-timer">
              {timeAgo(secondsAgo)}
            </span>
          </p>
        </div>
      </div>

      <div className="mt-4 grid grid-cols-2 gap-2">
        <button
          type="button"
          onClick={onJoin}
          disabled={pending !== null}
          className={`btn min-h-11 text-white shadow-md ${style.join}`}
        >
          {pending === "join" ? "Joining…" : "Join Call"}
        </button>
        <button
          type="button"
          onClick={onDecline}
          disabled={pending !== null}
          className="btn min-h-11 border border-red-200 bg-white text-red-700 hover:bg-red-50 focus-visible:ring-red-400"
        >
          {pending === "decline" ? "Declining…" : "Decline"}
        </button>
      </div>
    </section>
  );
}
