"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import {
  closedMessageSchema,
  healthMessageSchema,
  HEARTBEAT_MS,
  MEMBER_EVENT_TYPES,
  streamEventSchema,
  type StreamEvent,
} from "@/lib/events/types";

// The tab's one push channel: a single EventSource to /api/events, opened by the member layout
// (MemberEventStream) and shared by every hook here. Events are hints to re-read the API; the
// `healthy` flag tells pollers whether they may slow down.

export const EVENTS_URL = "/api/events";

/**
 * A member event, or "resync": the stream (re)opened and events may have been missed meanwhile.
 * `initial` marks the first one after the page mounted the stream, when what the page shows was
 * read moments ago.
 */
export type ClientEvent = StreamEvent | { type: "resync"; initial: boolean };
type Listener = (event: ClientEvent) => void;

/** No message (not even a ping) for this long: the stream died silently; reopen it. */
const STALL_MS = HEARTBEAT_MS * 2 + 5_000;
/** After the server refused the stream (the browser then gives up), try again after a back-off. */
const REOPEN_BASE_MS = 5_000;
const REOPEN_MAX_MS = 60_000;
const SESSION_CHANNEL = "meetcute:session";

const listeners = new Set<Listener>();
const healthWatchers = new Set<() => void>();
let healthy = false;
let source: EventSource | null = null;
let mounted = 0;
let refusals = 0;
/** `ready` messages since the stream was mounted (the first one is "initial"). */
let readies = 0;
/** Closed on purpose: "replaced" by a newer tab (reopen once this tab is looked at), or "ended". */
let parked: "replaced" | "ended" | null = null;
let stallTimer: ReturnType<typeof setTimeout> | undefined;
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
let sessionChannel: BroadcastChannel | null = null;

function setHealthy(next: boolean) {
  if (healthy === next) return;
  healthy = next;
  // Visible in the DOM for journeys and for anyone debugging a tab.
  document.documentElement.dataset.pushChannel = next ? "healthy" : "down";
  for (const watcher of healthWatchers) watcher();
}

function emit(event: ClientEvent) {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (err) {
      console.error("member event handler failed", err);
    }
  }
}

function json(message: Event): unknown {
  try {
    return JSON.parse((message as MessageEvent<string>).data);
  } catch {
    return null;
  }
}

function watchForStall() {
  clearTimeout(stallTimer);
  stallTimer = setTimeout(() => {
    setHealthy(false);
    open();
  }, STALL_MS);
}

function shut() {
  clearTimeout(stallTimer);
  clearTimeout(reopenTimer);
  source?.close();
  source = null;
  setHealthy(false);
}

function open() {
  shut();
  parked = null;
  const es = new EventSource(EVENTS_URL);
  source = es;
  es.addEventListener("ready", (m) => {
    refusals = 0;
    setHealthy(healthMessageSchema().safeParse(json(m)).data?.listening ?? false);
    watchForStall();
    emit({ type: "resync", initial: readies++ === 0 });
  });
  es.addEventListener("health", (m) => {
    setHealthy(healthMessageSchema().safeParse(json(m)).data?.listening ?? false);
    watchForStall();
  });
  es.addEventListener("ping", watchForStall);
  es.addEventListener("closed", (m) => {
    const reason = closedMessageSchema().safeParse(json(m)).data?.reason;
    // Shutdown: the browser reconnects by itself after the retry hint (to another instance, if any).
    if (reason === "shutdown") return setHealthy(false);
    park(reason === "replaced" ? "replaced" : "ended");
  });
  for (const type of MEMBER_EVENT_TYPES) {
    es.addEventListener(type, (m) => {
      watchForStall();
      const parsed = streamEventSchema().safeParse(json(m));
      if (parsed.success) emit(parsed.data);
    });
  }
  es.onerror = () => {
    if (source !== es) return;
    setHealthy(false);
    // CONNECTING: the browser retries on its own. CLOSED: it was refused (401, 429, 5xx, a proxy)
    // and the browser has given up, so try again later; polling covers the meantime.
    if (es.readyState === EventSource.CLOSED) {
      shut();
      reopenTimer = setTimeout(open, Math.min(REOPEN_BASE_MS * 2 ** refusals++, REOPEN_MAX_MS));
    }
  };
}

function park(why: "replaced" | "ended") {
  shut();
  parked = why;
}

function onVisible() {
  if (document.visibilityState === "visible" && parked === "replaced" && mounted > 0) open();
}

/** Opens the tab's stream (once, however many callers); the returned function releases it. */
function connect(): () => void {
  if (mounted++ === 0) {
    readies = 0;
    if (parked !== "ended") open();
    document.addEventListener("visibilitychange", onVisible);
    sessionChannel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(SESSION_CHANNEL);
    sessionChannel?.addEventListener("message", (m) => {
      if (m.data === "signed-out") park("ended");
    });
  }
  return () => {
    if (--mounted > 0) return;
    document.removeEventListener("visibilitychange", onVisible);
    sessionChannel?.close();
    sessionChannel = null;
    shut();
    parked = null;
  };
}

/** Signing out: close this tab's stream and those of the member's other tabs in this browser. */
export function closeMemberEventsOnSignOut(): void {
  park("ended");
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage("signed-out");
  channel.close();
}

/** Opens the stream for as long as the calling component is mounted. Mount once, in the layout. */
export function useMemberEventStream(): void {
  useEffect(() => connect(), []);
}

/** Calls `onEvent` for every member event (and "resync") while mounted. */
export function useMemberEvents(onEvent: Listener): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    const listener: Listener = (event) => latest.current(event);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}

function subscribeHealth(onChange: () => void): () => void {
  healthWatchers.add(onChange);
  return () => {
    healthWatchers.delete(onChange);
  };
}

/** True while the stream is open and the server is listening: events will arrive. */
export function useMemberEventsHealthy(): boolean {
  return useSyncExternalStore(subscribeHealth, () => healthy, () => false);
}
