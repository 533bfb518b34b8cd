"use client";

import { useCallback, useSyncExternalStore } from "react";

// Persisted per browser, and shared live between the header switch, the ringtone and other tabs.
const KEY = "meetcute:ringtone-muted";
const CHANGE_EVENT = "meetcute:ringtone-muted-change";
// Used only where the browser refuses storage, so the switch still works until a reload.
let mutedWithoutStorage = false;

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function readMuted(): boolean {
  try {
    return window.localStorage.getItem(KEY) === "1";
  } catch {
    return mutedWithoutStorage;
  }
}

export function useRingtoneMuted(): [muted: boolean, setMuted: (muted: boolean) => void] {
  const muted = useSyncExternalStore(subscribe, readMuted, () => false);
  const setMuted = useCallback((next: boolean) => {
    mutedWithoutStorage = next;
    try {
      if (next) window.localStorage.setItem(KEY, "1");
      else window.localStorage.removeItem(KEY);
    } catch {
      // Storage refused: readMuted falls back to the in-memory value.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return [muted, setMuted];
}
