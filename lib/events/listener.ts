import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/server/process-singleton";
import { announceListenerHealth, closeAllStreams, dispatch } from "@/lib/events/hub";
import { EVENTS_CHANNEL, HEARTBEAT_MS, memberEventSchema } from "@/lib/events/types";

// One LISTEN connection per app instance (not one per member): every instance receives every
// member event and its hub picks the streams it holds. The connection is a plain `pg` Client of
// its own — a pooled one would be handed back and lose the LISTEN.

const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 15_000;
/** A LISTEN connection can die silently (a dropped NAT entry); a query now and then finds out. */
const PROBE_TIMEOUT_MS = 5_000;

interface ListenerState {
  client: pg.Client | null;
  connected: boolean;
  connectedSince: Date | null;
  started: boolean;
  /** Consecutive failed attempts, for the back-off. */
  attempt: number;
  /** Successful LISTENs so far; all but the first are reconnections. */
  connects: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  probeTimer: ReturnType<typeof setInterval> | null;
  /** Resolved by the next successful LISTEN. */
  waiters: (() => void)[];
}

// One per process (lib/server/process-singleton.ts): a second LISTEN connection per module copy
// or dev reload would double every event.
const state = processSingleton<ListenerState>("eventListener", () => ({
  client: null,
  connected: false,
  connectedSince: null,
  started: false,
  attempt: 0,
  connects: 0,
  retryTimer: null,
  probeTimer: null,
  waiters: [],
}));

/** Exponential back-off with jitter, so instances recovering from one outage don't reconnect in step. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const capped = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_MAX_MS);
  return Math.round(capped * (0.5 + random() * 0.5));
}

/** Starts this process's listener (idempotent). Events published before it is connected are not seen. */
export function startListener(): void {
  if (state.started) return;
  state.started = true;
  void connect();
}

async function connect(): Promise<void> {
  state.retryTimer = null;
  if (!state.started) return;
  const client = new pg.Client({ connectionString: env().EVENTS_DATABASE_URL ?? env().DATABASE_URL, keepAlive: true, application_name: "meetcute-events" });
  state.client = client;
  client.on("notification", (msg) => {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let data: unknown;
    try {
      data = JSON.parse(msg.payload);
    } catch {
      data = null;
    }
    const parsed = memberEventSchema().safeParse(data);
    if (!parsed.success) {
      log.warn({ payload: msg.payload.slice(0, 200) }, "ignored a malformed member event");
      return;
    }
    dispatch(parsed.data);
  });
  client.on("error", (err) => lost(client, err));
  client.on("end", () => lost(client, null));
  try {
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  } catch (err) {
    lost(client, err);
    return;
  }
  if (state.client !== client) return;
  state.connects++;
  state.attempt = 0;
  state.connected = true;
  state.connectedSince = new Date();
  state.probeTimer = setInterval(() => void probe(client), HEARTBEAT_MS);
  state.probeTimer.unref?.();
  log.info({ connects: state.connects }, "listening for member events");
  announceListenerHealth(true);
  for (const resolve of state.waiters.splice(0)) resolve();
}

async function probe(client: pg.Client): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.query("SELECT 1"),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("listener probe timed out")), PROBE_TIMEOUT_MS))),
    ]);
  } catch (err) {
    lost(client, err);
  } finally {
    clearTimeout(timer);
  }
}

/** The connection failed or ended: tell the streams, drop it, and try again after a back-off. */
function lost(client: pg.Client, err: unknown): void {
  if (state.client !== client) return;
  state.client = null;
  client.removeAllListeners("notification");
  client.on("error", () => {}); // a dying client may still emit; nobody is listening any more
  void client.end().catch(() => {});
  if (state.probeTimer) clearInterval(state.probeTimer);
  state.probeTimer = null;
  const wasConnected = state.connected;
  state.connected = false;
  state.connectedSince = null;
  if (!state.started) return;
  if (wasConnected) announceListenerHealth(false);
  const delay = reconnectDelay(state.attempt++);
  log.warn({ err, attempt: state.attempt, retryInMs: delay }, "member event listener lost its connection");
  state.retryTimer = setTimeout(() => void connect(), delay);
  state.retryTimer.unref?.();
}

/** Stops listening and closes every stream (graceful shutdown). */
export async function stopListener(): Promise<void> {
  state.started = false;
  if (state.retryTimer) clearTimeout(state.retryTimer);
  if (state.probeTimer) clearInterval(state.probeTimer);
  state.retryTimer = state.probeTimer = null;
  closeAllStreams("shutdown");
  const client = state.client;
  state.client = null;
  state.connected = false;
  state.connectedSince = null;
  state.attempt = 0;
  if (client) {
    client.removeAllListeners();
    client.on("error", () => {});
    await client.end().catch(() => {});
  }
}

export interface ListenerHealth {
  /** This instance receives member events right now. */
  connected: boolean;
  connectedSince: string | null;
  reconnects: number;
}

/** For a readiness check: without the listener this instance's streams are deaf. */
export function listenerHealth(): ListenerHealth {
  return { connected: state.connected, connectedSince: state.connectedSince?.toISOString() ?? null, reconnects: Math.max(0, state.connects - 1) };
}

/** Resolves once the listener is connected (starting it if needed). */
export function whenListening(): Promise<void> {
  startListener();
  if (state.connected) return Promise.resolve();
  return new Promise((resolve) => state.waiters.push(resolve));
}

/** The PostgreSQL backend pid of the LISTEN connection (tests kill it to prove reconnection). */
export function listenerBackendPid(): number | null {
  const client = state.client as (pg.Client & { processID?: number }) | null;
  return state.connected ? (client?.processID ?? null) : null;
}
