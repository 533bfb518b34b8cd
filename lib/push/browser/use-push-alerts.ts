"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError } from "@/lib/api/client";
import { disablePushAlerts, enablePushAlerts, pushAlertsState, type PushAlertsState } from "./push-alerts";

const CHANGE_EVENT = "meetcute:push-alerts-change";

export interface PushAlerts {
  /** null until read from the browser (after hydration). */
  state: PushAlertsState | null;
  busy: boolean;
  error: string;
  turnOn: () => Promise<void>;
  turnOff: () => Promise<void>;
}

/** This browser's Web Push call alerts; every component using it shows the same state. */
export function usePushAlerts(): PushAlerts {
  const [state, setState] = useState<PushAlertsState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  useEffect(() => {
    let alive = true;
    const read = () => void pushAlertsState().then((s) => alive && setState(s), () => alive && setState("unsupported"));
    read();
    window.addEventListener(CHANGE_EVENT, read);
    // Permission changed in the site settings while away.
    window.addEventListener("focus", read);
    return () => {
      alive = false;
      window.removeEventListener(CHANGE_EVENT, read);
      window.removeEventListener("focus", read);
    };
  }, []);

  const run = useCallback(async (change: () => Promise<PushAlertsState>) => {
    setBusy(true);
    setError("");
    try {
      setState(await change());
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err.message
          : err instanceof DOMException
            ? "This browser couldn't set up call alerts. Please try again later."
            : "Couldn't change call alerts in this browser. Please try again.",
      );
    }
    setBusy(false);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);

  return { state, busy, error, turnOn: () => run(enablePushAlerts), turnOff: () => run(disablePushAlerts) };
}
