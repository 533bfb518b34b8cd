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
  | "effectsInFlight";

type Registry = Map<ProcessStateName, unknown>;
const KEY = Symbol.for("meetcute.processState");
const slot = globalThis as unknown as { [KEY]?: Registry };

/** This process's `name` state, created by `init` on first use. */
export function processSingleton<T>(name: ProcessStateName, init: () => T): T {
  const registry = (slot[KEY] ??= new Map());
  if (!registry.has(name)) registry.set(name, init());
  return registry.get(name) as T;
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
