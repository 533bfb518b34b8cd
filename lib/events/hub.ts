import "server-only";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/server/process-singleton";
import { HEARTBEAT_MS, type ClosedReason, type MemberEvent, type StreamEvent } from "@/lib/events/types";

// The in-process half of the fan-out: the database listener (listener.ts) hands every
// notification to this hub, which writes it to the open streams of the member(s) it names —
// and to nobody else — and to in-process subscribers (caches that invalidate on events).

/** More open streams than this for one member (on one instance) closes the oldest. */
export const MAX_STREAMS_PER_MEMBER = 5;

export interface MemberStream {
  readonly userId: number;
  /** The client's address as per-address limits count it (lib/http/client-address.ts). */
  readonly address: string;
  /** The sign-in session the stream was opened with (lib/auth/sign-in-sessions.ts). */
  readonly sessionId?: string;
  readonly openedAt: number;
  /** Writes one SSE message; a stream that can no longer be written closes itself. */
  send(name: string, data: unknown): void;
  /** Says why (a `closed` message), ends the response and leaves the hub. */
  close(reason: ClosedReason): void;
}

type EventListener = (event: MemberEvent) => void;
type HealthListener = (listening: boolean) => void;

interface HubState {
  streams: Map<number, Set<MemberStream>>;
  /** Open streams per client address, for the per-address cap (lib/events/limits.ts). */
  byAddress: Map<string, number>;
  eventListeners: Set<EventListener>;
  healthListeners: Set<HealthListener>;
  heartbeat: ReturnType<typeof setInterval> | null;
}

// One hub per process (lib/server/process-singleton.ts): Next's dev hot reload must not orphan open streams.
const hub = processSingleton<HubState>("eventHub", () => ({
  streams: new Map(),
  byAddress: new Map(),
  eventListeners: new Set(),
  healthListeners: new Set(),
  heartbeat: null,
}));

export function addStream(stream: MemberStream): void {
  let mine = hub.streams.get(stream.userId);
  if (!mine) hub.streams.set(stream.userId, (mine = new Set()));
  mine.add(stream);
  hub.byAddress.set(stream.address, (hub.byAddress.get(stream.address) ?? 0) + 1);
  // Oldest first (Set keeps insertion order): the newest tab is the one the member is looking at.
  while (mine.size > MAX_STREAMS_PER_MEMBER) {
    const [oldest] = mine;
    oldest.close("replaced");
    if (mine.delete(oldest)) forgetAddress(oldest);
  }
  log.debug({ userId: stream.userId, open: streamCount() }, "member stream opened");
  if (!hub.heartbeat) {
    hub.heartbeat = setInterval(() => broadcast("ping", {}), HEARTBEAT_MS);
    hub.heartbeat.unref?.();
  }
}

export function removeStream(stream: MemberStream): void {
  const mine = hub.streams.get(stream.userId);
  if (!mine?.delete(stream)) return;
  forgetAddress(stream);
  if (mine.size === 0) hub.streams.delete(stream.userId);
  log.debug({ userId: stream.userId, open: streamCount() }, "member stream closed");
  if (hub.streams.size === 0 && hub.heartbeat) {
    clearInterval(hub.heartbeat);
    hub.heartbeat = null;
  }
}

function forgetAddress(stream: MemberStream): void {
  const n = (hub.byAddress.get(stream.address) ?? 1) - 1;
  if (n > 0) hub.byAddress.set(stream.address, n);
  else hub.byAddress.delete(stream.address);
}

/** Open streams on this process from one client address. */
export function streamCountFrom(address: string): number {
  return hub.byAddress.get(address) ?? 0;
}

function withoutRecipients(event: MemberEvent): StreamEvent {
  const { userIds: _recipients, ...rest } = event;
  return rest as StreamEvent;
}

/**
 * Delivers one event: to in-process subscribers first, then to its members' streams only.
 * Subscribers first, because they are the caches (member, incoming calls): a tab re-reads the API
 * the moment its stream carries an event, and that read must not be answered from an entry the
 * event was about to drop.
 */
export function dispatch(event: MemberEvent): void {
  for (const listener of hub.eventListeners) {
    try {
      listener(event);
    } catch (err) {
      log.error({ err, type: event.type }, "member event subscriber failed");
    }
  }
  const message = withoutRecipients(event);
  for (const userId of new Set(event.userIds)) {
    const mine = hub.streams.get(userId);
    if (!mine) continue;
    for (const stream of [...mine]) {
      if (event.type !== "member.signed_out") stream.send(event.type, message);
      else if (sessionEnded(event, stream.sessionId)) stream.close(event.reason);
    }
  }
}

/** Whether a `member.signed_out` event ends the stream of session `sessionId`. */
function sessionEnded(event: Extract<MemberEvent, { type: "member.signed_out" }>, sessionId: string | undefined): boolean {
  if (event.sessionId) return sessionId === event.sessionId;
  if (event.exceptSessionId) return sessionId !== event.exceptSessionId;
  return true;
}

/**
 * The database listener came up (`ready`: re-read, events may have been missed) or went down.
 * Subscribers (caches) hear it before the streams, for the reason given at dispatch().
 */
export function announceListenerHealth(listening: boolean): void {
  for (const listener of hub.healthListeners) {
    try {
      listener(listening);
    } catch (err) {
      log.error({ err }, "listener health subscriber failed");
    }
  }
  broadcast(listening ? "ready" : "health", { listening });
}

function broadcast(name: string, data: unknown): void {
  for (const mine of hub.streams.values()) for (const stream of [...mine]) stream.send(name, data);
}

/** Closes every open stream (server shutdown). */
export function closeAllStreams(reason: ClosedReason): void {
  for (const mine of [...hub.streams.values()]) for (const stream of [...mine]) stream.close(reason);
}

/**
 * Calls `listener` with every member event this process receives (from any instance), e.g. to
 * invalidate a per-member cache. Returns the unsubscribe function.
 */
export function onEvent(listener: EventListener): () => void {
  hub.eventListeners.add(listener);
  return () => hub.eventListeners.delete(listener);
}

/**
 * Calls `listener` when the database listener goes down (false: events may be lost from now on)
 * or comes back (true: events flow again; anything cached meanwhile may be stale).
 */
export function onListenerHealth(listener: HealthListener): () => void {
  hub.healthListeners.add(listener);
  return () => hub.healthListeners.delete(listener);
}

/** Open streams on this process: in total, and for one member. */
export function streamCount(userId?: number): number {
  if (userId !== undefined) return hub.streams.get(userId)?.size ?? 0;
  let n = 0;
  for (const mine of hub.streams.values()) n += mine.size;
  return n;
}
