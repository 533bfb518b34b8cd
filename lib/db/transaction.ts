import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { prisma, type Tx } from "@/lib/db";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/server/process-singleton";

// The one way to write several rows as one unit, and the one way to say "after this transaction
// commits, do X" (close a media room, send a Web Push). Effects are registered against the
// transaction client itself, so any function handed a `tx` can register one without threading
// an extra parameter; registering on a client that did not come from `transaction()` throws —
// an effect can never be dropped silently.
//
// Effects run only if the transaction commits, in registration order. A failing effect is logged
// and never turns a committed change into an error response: the database already says what
// happened, and every effect here is a notification of it. "awaited" effects finish before
// `transaction()` returns (closing a media room before answering "call ended"); "background"
// effects (Web Push) never delay the response, and `settleBackgroundEffects()` waits for them
// (graceful shutdown, tests). Its maxWait and timeout are the client's (lib/db/index.ts).

type Effect = { label: string; run: () => unknown; background: boolean };

const pending = new WeakMap<Tx, Effect[]>();
// One set per process (lib/server/process-singleton.ts): instrumentation.ts settles them at
// shutdown, the route handlers start them, and each has its own copy of this module.
const inFlight = processSingleton("effectsInFlight", () => new Set<Promise<unknown>>());
// Marks the work of a background effect, so that counting a request's own database round trips
// (test/round-trips.ts) leaves out the Web Push a ring starts beside it, however the response and
// the effect interleave.
const inBackground = processSingleton("backgroundEffectContext", () => new AsyncLocalStorage<true>());

/** Whether the caller runs inside a background effect (see afterCommit). */
export const inBackgroundEffect = (): boolean => inBackground.getStore() === true;

export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let effects: Effect[] = [];
  const result = await prisma.$transaction(async (tx) => {
    // A retried or nested callback starts from a clean list: only the committed attempt counts.
    effects = [];
    pending.set(tx, effects);
    try {
      return await fn(tx);
    } finally {
      pending.delete(tx);
    }
  });
  await runEffects(effects);
  return result;
}

/**
 * Runs `effect` once the transaction `tx` belongs to has committed (never if it rolls back).
 * `background: true` starts it without making the request wait for it.
 */
export function afterCommit(tx: Tx, label: string, effect: () => unknown, { background = false } = {}): void {
  const list = pending.get(tx);
  if (!list) throw new Error(`afterCommit("${label}") outside transaction(): the effect would never run`);
  list.push({ label, run: effect, background });
}

async function runEffects(effects: Effect[]) {
  for (const e of effects) {
    const p = Promise.resolve()
      .then(e.background ? () => inBackground.run(true, e.run) : e.run)
      .catch((err) => log.error({ err, effect: e.label }, "after-commit effect failed"));
    if (!e.background) {
      await p;
      continue;
    }
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
}

/** Waits for every background effect started so far (graceful shutdown, tests). */
export async function settleBackgroundEffects(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
