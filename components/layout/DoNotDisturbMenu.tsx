"use client";

import { IntentLink } from "@/components/ui/IntentLink";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import type { DndMode, DoNotDisturbStatus } from "@/lib/profile/do-not-disturb";
import { EnableCallAlertsButton } from "@/components/incoming-calls/EnableCallAlertsButton";
import { PhoneIcon } from "@/components/ui/icons";
import { PushAlertsSetting } from "@/components/incoming-calls/PushAlerts";
import { useDismiss } from "@/lib/browser/use-dismiss";
import { setDoNotDisturb } from "@/lib/api/client";
import { formatUpcomingTime } from "@/lib/format";

const OPTIONS: { mode: Exclude<DndMode, "off">; label: string; toast: string }[] = [
  { mode: "1h", label: "For 1 hour", toast: "Calls paused for an hour." },
  { mode: "until_tomorrow", label: "Until tomorrow morning", toast: "Calls paused until tomorrow morning." },
  { mode: "until_turned_on", label: "Until I turn them back on", toast: "Calls paused until you turn them back on." },
];

const noSubscription = () => () => {};

function untilText(status: DoNotDisturbStatus): string {
  if (status.indefinite || !status.until) return "until you turn them back on";
  return `until ${formatUpcomingTime(new Date(status.until), Date.now())}`;
}

/**
 * The header's do-not-disturb switch: shows whether calls can reach the member and pauses them
 * for an hour, until tomorrow morning, or until turned back on. Callers are then told
 * "<name> isn't taking calls right now" instead of ringing into the void.
 */
export function DoNotDisturbMenu({ status: initial }: { status: DoNotDisturbStatus }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);
  const menuId = useId();

  // A fresh server render (navigation, refresh) is the truth again.
  useEffect(() => setStatus(initial), [initial]);

  // Calls come back on by themselves when the pause runs out.
  useEffect(() => {
    if (!status.active || !status.until) return;
    const ms = new Date(status.until).getTime() - Date.now();
    const off = () => setStatus({ active: false, until: null, indefinite: false });
    if (ms <= 0) return off();
    const timer = setTimeout(off, Math.min(ms, 2_147_000_000));
    return () => clearTimeout(timer);
  }, [status]);

  useDismiss(open, menuRef, closeMenu);

  async function choose(mode: DndMode, message: string) {
    setSaving(true);
    try {
      setStatus(await setDoNotDisturb(mode, Intl.DateTimeFormat().resolvedOptions().timeZone));
      setOpen(false);
      toast(message);
      router.refresh();
    } catch {
      toast.error("Couldn't change your call settings. Please try again.");
    }
    setSaving(false);
  }

  const paused = status.active;
  // Times are the member's local ones, which the server can't know: the server renders without.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const until = inBrowser ? ` ${untilText(status)}` : "";
  return (
    <div ref={menuRef} className="relative" data-testid="dnd">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={paused ? `Calls paused${until}. Change` : "Calls on. Pause calls"}
        data-state={paused ? "paused" : "on"}
        onClick={() => setOpen((o) => !o)}
        className={`inline-flex h-9 items-center gap-1.5 rounded-lg px-2 text-sm font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-pink-400 ${
          paused ? "bg-amber-100 text-amber-900 hover:bg-amber-200" : "text-slate-700 hover:bg-pink-50"
        }`}
      >
        <span aria-hidden="true" className="relative">
          <PhoneIcon off={paused} className="size-5" />
          {/* A status light, so on a phone (icon only) it reads as "available", not "call". */}
          {!paused && <span className="absolute -right-0.5 -top-0.5 size-2 rounded-full bg-green-500 ring-2 ring-white" />}
        </span>
        <span aria-hidden="true" className={paused ? "hidden sm:inline" : "hidden lg:inline"}>
          {paused ? "Calls paused" : "Calls on"}
        </span>
      </button>
      {open && (
        <div id={menuId} className="absolute right-0 top-full z-50 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-2xl border border-slate-200 bg-white p-2 shadow-xl">
          <div className="px-2 pb-2 pt-1">
            <p className="text-sm font-semibold">{paused ? "Calls are paused" : "Calls are on"}</p>
            <p className="text-xs text-slate-600">
              {paused ? `Nobody can ring you${until}. Callers see that you aren't taking calls.` : "Pause calls and callers will see that you aren't taking calls."}
            </p>
          </div>
          <ul className="space-y-0.5">
            {paused && (
              <li>
                <button type="button" disabled={saving} onClick={() => void choose("off", "Calls are back on.")} className="w-full rounded-lg px-3 py-2 text-left text-sm font-semibold text-green-700 hover:bg-green-50 disabled:opacity-60">
                  Turn calls back on
                </button>
              </li>
            )}
            {OPTIONS.map((o) => (
              <li key={o.mode}>
                <button type="button" disabled={saving} onClick={() => void choose(o.mode, o.toast)} className="w-full rounded-lg px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-60">
                  {paused ? "Pause " : "Pause calls "}
                  {o.label.charAt(0).toLowerCase() + o.label.slice(1)}
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-slate-100 px-2 pt-2 empty:hidden lg:hidden">
            <EnableCallAlertsButton className="w-full" />
          </div>
          <div className="mt-1 border-t border-slate-100 pt-2 empty:hidden">
            <PushAlertsSetting />
          </div>
          <div className="mt-1 border-t border-slate-100 pt-1">
            <IntentLink href="/devices" onClick={() => setOpen(false)} className="block w-full rounded-lg px-3 py-2 text-left text-sm font-semibold text-slate-800 hover:bg-slate-50">
              🎥 Check camera and microphone
            </IntentLink>
          </div>
        </div>
      )}
    </div>
  );
}
