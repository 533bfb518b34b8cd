import "server-only";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/server/process-singleton";

// Graceful shutdown of one app instance. On SIGTERM (or SIGINT) `next start` itself stops
// accepting connections and waits for in-flight requests before it exits. An event stream is a
// request that never finishes on its own, so it would hold that wait open forever: the drain
// below closes every stream with a `closed {reason: "shutdown"}` message (the browser's
// EventSource reconnects after the stream's `retry:` hint, to another instance behind the load
// balancer, and polls meanwhile), stops the sweeper after its current round, lets background
// after-commit effects (Web Push sends) finish, and releases the LISTEN connection. While it
// drains, the readiness endpoint answers 503, so a balancer that still holds a keep-alive
// connection to this instance stops routing to it.

type Step = { name: string; run: () => unknown };

const state = processSingleton<{ draining: boolean; steps: Step[]; installed: boolean; done?: Promise<void> }>("shutdown", () => ({
  draining: false,
  steps: [],
  installed: false,
}));

export function isDraining(): boolean {
  return state.draining;
}

/** Registers work to do when the instance drains, run in registration order. */
export function onDrain(name: string, run: () => unknown): void {
  state.steps.push({ name, run });
}

/** Starts draining (idempotent) and resolves once every step has run. */
export function drain(): Promise<void> {
  if (state.done) return state.done;
  state.draining = true;
  log.info({ steps: state.steps.map((s) => s.name) }, "draining: readiness off, closing streams");
  state.done = (async () => {
    for (const step of state.steps) {
      try {
        await step.run();
      } catch (err) {
        log.error({ err, step: step.name }, "drain step failed");
      }
    }
    log.info("drained");
  })();
  return state.done;
}

/** The longest a signalled instance waits for its drain before it exits anyway. */
export const DRAIN_EXIT_LIMIT_MS = 15_000;

/** Drains on SIGTERM and SIGINT, beside Next's own handler (which finishes in-flight requests). */
export function drainOnSignals(): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      holdExitUntilDrained();
      void drain();
    });
}

/**
 * Next.js's own signal handler (`next start`) calls `process.exit(143)` as soon as its HTTP server
 * has closed, which our first step (closing the event streams) lets happen at once; it does not
 * wait for instrumentation. The steps after it (the sweeper's last round, the presence release,
 * Web Push sends in flight) then raced the exit: an app-restart run lost the presence release, and
 * the restarted server waited for the old instance's aliveAt to go stale before vouching. So once
 * a signal has started the drain, an exit waits for the drain to finish (at most
 * DRAIN_EXIT_LIMIT_MS), then exits with the code it was asked for.
 */
export function holdExitUntilDrained(proc: Pick<NodeJS.Process, "exit"> = process): void {
  const exit = proc.exit.bind(proc);
  let exiting = false;
  proc.exit = ((code?: number | string | null) => {
    if (exiting) return undefined as never;
    exiting = true;
    const limit = setTimeout(() => {
      log.warn({ limitMs: DRAIN_EXIT_LIMIT_MS }, "drain still running at the exit limit: exiting anyway");
      exit(code);
    }, DRAIN_EXIT_LIMIT_MS);
    void drain().finally(() => {
      clearTimeout(limit);
      exit(code);
    });
    return undefined as never;
  }) as typeof proc.exit;
}
