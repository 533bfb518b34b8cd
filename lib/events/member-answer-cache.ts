import "server-only";
import { now } from "@/lib/clock";
import { onEvent, onListenerHealth } from "@/lib/events/hub";
import { listenerHealth } from "@/lib/events/listener";

// A per-process cache of answers per member (one, or one per key such as a match), kept correct by the member events every state
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
  weight: number;
}
type Slot<T> = Entry<T> | { filling: object };
/** A member may have several answers (e.g. one per match); the default key is "". */
type Key = number | string;

export interface Loaded<T> {
  value: T;
  /** Epoch ms from which this answer may be wrong without any event (a time rule); default: never. */
  validUntil?: number;
  /** false: answer, but don't keep it (e.g. a member who is not allowed in). Default true. */
  keep?: boolean;
}

export interface MemberAnswerCache<T> {
  /**
   * The member's cached answer (under `key`), or `load`'s (stored when the listener is
   * connected). `load` is told whether its answer may be cached, so it can skip work only a
   * cached answer needs.
   */
  read(userId: number, load: (caching: boolean) => Promise<Loaded<T>>, key?: Key): Promise<T>;
  /** The entry itself, while it is servable (for callers that keep per-entry state). */
  peek(userId: number, key?: Key): T | undefined;
  /** The summed weight of every stored answer (`weigh`; 1 each by default). */
  weight(): number;
}

export interface MemberAnswerCacheOptions<T> {
  ttlMs: number;
  /** At most this many members have entries; the least recently filled member goes first. */
  maxEntries?: number;
  /** At most this many keys per member; the least recently filled key goes first. */
  maxKeysPerMember?: number;
  /** An answer's weight (e.g. its size in bytes), and the most the cache holds in all. */
  weigh?: (value: T) => number;
  maxWeight?: number;
}

export function memberAnswerCache<T>(opts: MemberAnswerCacheOptions<T>): MemberAnswerCache<T> {
  const maxEntries = opts.maxEntries ?? 100_000;
  const maxKeys = opts.maxKeysPerMember ?? 1;
  const maxWeight = opts.maxWeight ?? Infinity;
  const weigh = opts.weigh ?? (() => 1);
  // Member → their slots. Both maps are kept in fill order (a filled slot is re-inserted last),
  // so the first entry of each is the one to evict.
  const members = new Map<number, Map<Key, Slot<T>>>();
  let total = 0;
  let subscribed = false;

  const weightOf = (slot: Slot<T> | undefined) => (slot && "value" in slot ? slot.weight : 0);
  function dropMember(userId: number) {
    const slots = members.get(userId);
    if (!slots) return;
    for (const slot of slots.values()) total -= weightOf(slot);
    members.delete(userId);
  }
  function dropSlot(userId: number, key: Key) {
    const slots = members.get(userId);
    if (!slots) return;
    total -= weightOf(slots.get(key));
    slots.delete(key);
    if (slots.size === 0) members.delete(userId);
  }
  function dropAll() {
    members.clear();
    total = 0;
  }

  function subscribe() {
    if (subscribed) return;
    subscribed = true;
    onEvent((event) => {
      for (const id of event.userIds) dropMember(id);
    });
    onListenerHealth(dropAll);
  }

  const caching = () => listenerHealth().connected;

  function peek(userId: number, key: Key = ""): T | undefined {
    if (!caching()) return undefined;
    const slot = members.get(userId)?.get(key);
    if (!slot || !("value" in slot)) return undefined;
    if (now().getTime() >= slot.expires) return undefined;
    return slot.value;
  }

  /** Puts `slot` last in fill order, then evicts the oldest beyond the bounds. */
  function place(userId: number, key: Key, slot: Slot<T>) {
    const slots = members.get(userId) ?? new Map<Key, Slot<T>>();
    members.delete(userId);
    members.set(userId, slots);
    total -= weightOf(slots.get(key));
    slots.delete(key);
    slots.set(key, slot);
    total += weightOf(slot);
    while (slots.size > maxKeys) {
      const [oldest] = slots.keys();
      dropSlot(userId, oldest!);
    }
    while (members.size > maxEntries || (total > maxWeight && members.size > 0)) {
      const [oldest] = members.keys();
      if (oldest === userId && members.size === 1) {
        // This member alone is over the weight: keep the newest answer only if it fits.
        if (total > maxWeight) dropSlot(userId, key);
        break;
      }
      dropMember(oldest!);
    }
  }

  async function read(userId: number, load: (caching: boolean) => Promise<Loaded<T>>, key: Key = ""): Promise<T> {
    subscribe();
    if (!caching()) return (await load(false)).value;
    const hit = peek(userId, key);
    if (hit !== undefined) return hit;
    const startedAt = now().getTime();
    const token = { filling: {} };
    place(userId, key, token);
    let loaded: Loaded<T>;
    try {
      loaded = await load(true);
    } catch (err) {
      if (members.get(userId)?.get(key) === token) dropSlot(userId, key);
      throw err;
    }
    if (members.get(userId)?.get(key) === token) {
      if (loaded.keep !== false && caching()) {
        const expires = Math.min(startedAt + opts.ttlMs, loaded.validUntil ?? Infinity);
        place(userId, key, { value: loaded.value, expires, weight: weigh(loaded.value) });
      } else {
        dropSlot(userId, key);
      }
    }
    return loaded.value;
  }

  return {
    read,
    peek,
    weight: () => total,
  };
}
