// State that must exist once per process, whatever the module graph. Next.js compiles
// instrumentation.ts (the sweeper, the shutdown drain, the presence settle) and the route handlers
// and server components in separate layers, each with its own copy of a module, and its dev
// server re-evaluates modules on every hot reload. Module-level state then comes in several
// copies: once one process had several presence instance ids, and the shutdown drain released
// nobody and waited on an empty set of effects because its copy had never seen the routes' work.
// So every such piece of state is created through `processSingleton`, in one registry on
// `globalThis`, under a name listed here. Read it once at import (`const state = …`): a module
// then keeps the state it was loaded with, which is what lets a test load a second "instance"
// beside the first (test/second-instance.ts, through `swapProcessState`).

export type ProcessStateName =
  | "prisma"
  | "presence"
  | "eventHub"
  | "eventListener"
  | "shutdown"
  | "effectsInFlight"
  | "backgroundEffectContext";

type Registry = Map<ProcessStateName, unknown>;
const KEY = Symbol.for("meetcute.processState");
const INITS = Symbol.for("meetcute.processStateInits");
const slot = globalThis as unknown as { [KEY]?: Registry; [INITS]?: Map<ProcessStateName, () => unknown> };

/** This process's `name` state, created by `init` on first use. */
export function processSingleton<T>(name: ProcessStateName, init: () => T): T {
  const registry = (slot[KEY] ??= new Map());
  (slot[INITS] ??= new Map()).set(name, init);
  if (!registry.has(name)) registry.set(name, init());
  return registry.get(name) as T;
}

/**
 * For tests only: gives an object state its initial values again, in place, so the modules that
 * hold it see a fresh one (as in a new process). The integration tests that share a worker's
 * modules (test/setup-server.ts) start each file so.
 */
export function renewProcessState(name: ProcessStateName): void {
  const current = slot[KEY]?.get(name);
  const init = slot[INITS]?.get(name);
  if (!current || !init || current instanceof Map || current instanceof Set) return;
  const fresh = init() as object;
  for (const k of Object.keys(current)) if (!(k in fresh)) delete (current as Record<string, unknown>)[k];
  Object.assign(current, fresh);
}

/**
 * For tests only: replaces the whole registry (a fresh one by default) and returns the one it
 * replaced, to be put back with a second call. Modules loaded in between create their own state.
 */
export function swapProcessState(next: Registry = new Map()): Registry {
  const previous = slot[KEY] ?? new Map();
  slot[KEY] = next;
  return previous;
}
