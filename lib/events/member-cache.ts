import "server-only";
import { now } from "@/lib/clock";
import { onEvent, onListenerHealth } from "@/lib/events/hub";
import { listenerHealth } from "@/lib/events/listener";

// A per-process cache of one answer per member, kept correct by the member events every state
// change publishes (lib/events): any event naming a member drops that member's entry, and the
// listener going down or coming back drops everything (events may have been missed). While the
// listener is down the cache is not used at all: every read goes to the database, as without it.
//
// A read that raced an event must not be stored: the slot holds a fill token while the database
// is read, an event deletes it, and the result is stored only if the token is still there. So an
// answer read before a change commits never outlives the event announcing that change.

interface Entry<T> {
  value: T;
  /** Epoch ms (lib/clock) after which the entry is not served. */
  expires: number;
}
type Slot<T> = Entry<T> | { filling: object };

export interface Loaded<T> {
  value: T;
  /** Epoch ms from which this answer may be wrong without any event (a time rule); default: never. */
  validUntil?: number;
  /** false: answer, but don't keep it (e.g. a member who is not allowed in). Default true. */
  keep?: boolean;
}

export interface MemberCache<T> {
  /**
   * The member's cached answer, or `load`'s (stored when the listener is connected). `load` is
   * told whether its answer may be cached, so it can skip work only a cached answer needs.
   */
  read(userId: number, load: (caching: boolean) => Promise<Loaded<T>>): Promise<T>;
  /** The entry itself, while it is servable (for callers that keep per-entry state). */
  peek(userId: number): T | undefined;
  forget(userId: number): void;
  clear(): void;
  size(): number;
}

export function memberCache<T>(opts: { ttlMs: number; maxEntries?: number }): MemberCache<T> {
  const maxEntries = opts.maxEntries ?? 100_000;
  const slots = new Map<number, Slot<T>>();
  let subscribed = false;

  function subscribe() {
    if (subscribed) return;
    subscribed = true;
    onEvent((event) => {
      for (const id of event.userIds) slots.delete(id);
    });
    onListenerHealth(() => slots.clear());
  }

  const caching = () => listenerHealth().connected;

  function peek(userId: number): T | undefined {
    if (!caching()) return undefined;
    const slot = slots.get(userId);
    if (!slot || !("value" in slot)) return undefined;
    if (now().getTime() >= slot.expires) return undefined;
    return slot.value;
  }

  async function read(userId: number, load: (caching: boolean) => Promise<Loaded<T>>): Promise<T> {
    subscribe();
    if (!caching()) return (await load(false)).value;
    const hit = peek(userId);
    if (hit !== undefined) return hit;
    const startedAt = now().getTime();
    const token = { filling: {} };
    slots.delete(userId); // re-inserted last: the Map's order is fill order, oldest evicted first
    slots.set(userId, token);
    if (slots.size > maxEntries) {
      const [oldest] = slots.keys();
      slots.delete(oldest);
    }
    let loaded: Loaded<T>;
    try {
      loaded = await load(true);
    } catch (err) {
      if (slots.get(userId) === token) slots.delete(userId);
      throw err;
    }
    if (slots.get(userId) === token) {
      if (loaded.keep !== false && caching()) {
        slots.set(userId, { value: loaded.value, expires: Math.min(startedAt + opts.ttlMs, loaded.validUntil ?? Infinity) });
      } else {
        slots.delete(userId);
      }
    }
    return loaded.value;
  }

  return {
    read,
    peek,
    forget: (userId) => void slots.delete(userId),
    clear: () => slots.clear(),
    size: () => slots.size,
  };
}
