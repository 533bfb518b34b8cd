"use client";

import { useEffect, useState } from "react";
import type { PushAlertsState } from "@/lib/push/browser/push-alerts";
import { usePushAlerts } from "@/lib/push/browser/use-push-alerts";

const EXPLAIN: Record<PushAlertsState, string> = {
  on: "Calls ring this device even when Meetcute is closed.",
  off: "Get a notification with Join and Decline when someone calls and Meetcute isn't open.",
  blocked: "Notifications are blocked for Meetcute. Allow them in your browser's site settings, then turn this on.",
  "ios-install": "On iPhone and iPad, alerts reach Meetcute only as an installed app (iOS 16.4 or later): tap Share → Add to Home Screen, open Meetcute from your Home Screen, and turn alerts on there.",
  unsupported: "This browser can't alert you while Meetcute is closed. Keep a Meetcute tab open to be called.",
  unavailable: "Call alerts for closed tabs aren't available on this server.",
};

/**
 * The call-alerts setting in the header's call menu (every screen size): on or off for this
 * device, or why it can't be.
 */
export function PushAlertsSetting() {
  const { state, busy, error, turnOn, turnOff } = usePushAlerts();
  if (!state) return null;
  const on = state === "on";
  const switchable = state === "on" || state === "off";
  return (
    <div className="px-2 py-1" data-testid="push-alerts" data-state={state}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p id="push-alerts-label" className="text-sm font-semibold">
            📲 Alerts when Meetcute is closed
          </p>
          <p className="mt-0.5 text-xs text-slate-600">{EXPLAIN[state]}</p>
        </div>
        {switchable && (
          <button
            type="button"
            role="switch"
            aria-checked={on}
            aria-labelledby="push-alerts-label"
            disabled={busy}
            onClick={() => void (on ? turnOff() : turnOn())}
            className={`relative mt-0.5 h-6 w-11 shrink-0 rounded-full transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-pink-400 disabled:opacity-60 ${on ? "bg-pink-600" : "bg-slate-300"}`}
          >
            <span aria-hidden="true" className={`absolute left-0.5 top-0.5 size-5 rounded-full bg-white shadow transition-transform ${on ? "translate-x-5" : ""}`} />
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const DISMISSED_KEY = "meetcute:push-offer-dismissed";

/**
 * The offer, made where it makes sense (a match who may call back, after a first call), never
 * as a prompt on page load: the browser asks for permission only after a click here.
 */
export function PushAlertsOffer({ otherName, className = "" }: { otherName?: string; className?: string }) {
  const { state, busy, error, turnOn } = usePushAlerts();
  const [dismissed, setDismissed] = useState(true);
  const [justTurnedOn, setJustTurnedOn] = useState(false);
  useEffect(() => setDismissed(localStorage.getItem(DISMISSED_KEY) !== null), []);

  if (justTurnedOn && state === "on") {
    return (
      <p role="status" className={`card border-green-200 bg-green-50 px-4 py-3 text-sm font-medium text-green-800 ${className}`} data-testid="push-offer">
        ✅ Call alerts are on for this device.
      </p>
    );
  }
  if (dismissed || (state !== "off" && state !== "ios-install")) return null;

  const dismiss = () => {
    localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
    setDismissed(true);
  };
  const ios = state === "ios-install";
  return (
    <section className={`card border-pink-200 bg-pink-50/70 p-4 ${className}`} data-testid="push-offer" data-state={state} aria-labelledby="push-offer-title">
      <div className="flex items-start gap-3">
        <span className="text-2xl" aria-hidden="true">
          📲
        </span>
        <div className="min-w-0 flex-1">
          <h2 id="push-offer-title" className="font-semibold text-pink-900">
            Get call alerts when Meetcute is closed
          </h2>
          <p className="mt-0.5 text-sm text-pink-900/80">
            {ios ? EXPLAIN["ios-install"] : `${otherName ? `${otherName} can call you anytime. ` : "Your matches can call you anytime. "}Your phone or computer rings even when Meetcute isn't open.`}
          </p>
          {error && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            {!ios && (
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setJustTurnedOn(true);
                  void turnOn();
                }}
                className="btn-primary px-4 py-2 text-sm"
              >
                {busy ? "Turning on…" : "Turn on call alerts"}
              </button>
            )}
            <button type="button" onClick={dismiss} className="btn-secondary px-4 py-2 text-sm">
              {ios ? "Got it" : "Not now"}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
