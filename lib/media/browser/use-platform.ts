"use client";

import { useSyncExternalStore } from "react";
import { platformFrom, type Platform } from "@/lib/media/browser/device-help";

const noSubscription = () => () => {};
let cached: Platform | null = null;
const read = () => (cached ??= platformFrom(navigator.userAgent, navigator.maxTouchPoints));
/** The server can't know the browser: it renders laptop Chrome's words, the browser its own. */
const SERVER: Platform = { browser: "chrome", os: "other", phone: false };

/** This member's browser and system, for help text that names their own settings. */
export function usePlatform(): Platform {
  return useSyncExternalStore(noSubscription, read, () => SERVER);
}
