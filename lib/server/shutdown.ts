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

/** Drains on SIGTERM and SIGINT, beside Next's own handler (which finishes in-flight requests). */
export function drainOnSignals(): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void drain());
}
