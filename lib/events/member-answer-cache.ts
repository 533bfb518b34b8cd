import "server-only";
import { LRUCache } from "lru-cache";
import { now } from "@/lib/clock";
import { onEvent, onListenerHealth } from "@/lib/events/hub";
import { listenerHealth } from "@/lib/events/listener";
import type { MemberEventType } from "@/lib/events/types";

// A per-process cache of answers per member (one, or one per key such as a match), kept correct by the member events every state
// change publishes (lib/events): an event naming a member drops that member's entries (any event,
// or only the types a cache names in `droppedBy`), and the listener going down or coming back
// drops everything (events may have been missed). While the
// listener is down the cache is not used at all: every read goes to the database, as without it.
//
// A read that raced an event must not be stored: the slot holds a fill token while the database
// is read, an event deletes it, and the result is stored only if the token is still there. So an
// answer read before a change commits never outlives the event announcing that change.

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
  /**
   * Bounds the answers held in all (default 100,000); the least recently filled goes first.
   * lru-cache allocates its slots up front (about 45 bytes each, and a construction that blocks
   * the event loop: 1.6 million slots took 350 ms and 70 MB), so this is a total, never a product.
   */
  maxEntries?: number;
  /** At most this many keys per member; the least recently filled key goes first. */
  maxKeysPerMember?: number;
  /**
   * An answer's weight (e.g. its size in bytes), and the most the cache holds in all: the least
   * recently filled answers go first, and an answer heavier than the whole budget is not kept.
   */
  weigh?: (value: T) => number;
  maxWeight?: number;
  /**
   * The event types that can change this cache's answers; default: every type. Only for answers
   * that no other change touches: every writer of what they hold must publish one of these types
   * in its transaction (e.g. a member's own record: `member.changed`, `member.signed_out`; a call
   * event changes nothing in it, and dropping it there cost the member's next request 2 reads).
   */
  droppedBy?: readonly MemberEventType[];
}

/** A member may have several answers (e.g. one per match); the default key is "". */
type Key = number | string;

interface Stored<T> {
  value: T;
  userId: number;
  key: Key;
}

export function memberAnswerCache<T>(opts: MemberAnswerCacheOptions<T>): MemberAnswerCache<T> {
  const maxKeys = opts.maxKeysPerMember ?? 1;
  const weighed = opts.weigh !== undefined && opts.maxWeight !== undefined;
  // lru-cache keeps the answers, their TTL (on lib/clock, so tests can move it) and the bounds.
  // Reads use peek(), which leaves the order alone: the least recently *filled* answer goes first.
  const answers = new LRUCache<string, Stored<T>>({
    max: opts.maxEntries ?? 100_000,
    ttl: opts.ttlMs,
    ttlResolution: 0,
    perf: { now: () => now().getTime() },
    ...(weighed ? { maxSize: opts.maxWeight, sizeCalculation: (s: Stored<T>) => Math.max(1, opts.weigh!(s.value)) } : {}),
    // However an answer leaves (evicted, expired, replaced, dropped), the member's index forgets it.
    dispose: (s) => unindex(s.userId, s.key),
  });
  // Member → their stored keys, in fill order: what an event about the member drops, and the
  // per-member key bound.
  const keysOf = new Map<number, Set<Key>>();
  // Member → key → the token of the read filling that slot (see the file's top comment).
  const filling = new Map<number, Map<Key, object>>();
  let subscribed = false;

  const slot = (userId: number, key: Key) => `${userId}:${key}`;
  function unindex(userId: number, key: Key) {
    const keys = keysOf.get(userId);
    keys?.delete(key);
    if (keys?.size === 0) keysOf.delete(userId);
  }
  function dropMember(userId: number) {
    for (const key of [...(keysOf.get(userId) ?? [])]) answers.delete(slot(userId, key));
    filling.delete(userId);
  }
  function dropAll() {
    answers.clear();
    keysOf.clear();
    filling.clear();
  }

  function subscribe() {
    if (subscribed) return;
    subscribed = true;
    const drops = opts.droppedBy ? new Set<MemberEventType>(opts.droppedBy) : null;
    onEvent((event) => {
      if (drops && !drops.has(event.type)) return;
      for (const id of event.userIds) dropMember(id);
    });
    onListenerHealth(dropAll);
  }

  const caching = () => listenerHealth().connected;

  function peek(userId: number, key: Key = ""): T | undefined {
    if (!caching()) return undefined;
    return answers.peek(slot(userId, key))?.value;
  }

  /** Stores the answer, last in fill order, and evicts the member's oldest keys beyond the bound. */
  function store(userId: number, key: Key, value: T, ttl: number) {
    answers.set(slot(userId, key), { value, userId, key }, { ttl });
    if (!answers.has(slot(userId, key))) return; // heavier than the whole budget
    const keys = keysOf.get(userId) ?? new Set<Key>();
    keys.delete(key);
    keys.add(key);
    keysOf.set(userId, keys);
    for (const oldest of keys) {
      if (keys.size <= maxKeys) break;
      answers.delete(slot(userId, oldest));
    }
  }

  function endFill(userId: number, key: Key, token: object): boolean {
    const tokens = filling.get(userId);
    if (tokens?.get(key) !== token) return false;
    tokens.delete(key);
    if (tokens.size === 0) filling.delete(userId);
    return true;
  }

  async function read(userId: number, load: (caching: boolean) => Promise<Loaded<T>>, key: Key = ""): Promise<T> {
    subscribe();
    if (!caching()) return (await load(false)).value;
    const hit = peek(userId, key);
    if (hit !== undefined) return hit;
    const startedAt = now().getTime();
    const token = {};
    const tokens = filling.get(userId) ?? new Map<Key, object>();
    tokens.set(key, token);
    filling.set(userId, tokens);
    let loaded: Loaded<T>;
    try {
      loaded = await load(true);
    } catch (err) {
      endFill(userId, key, token);
      throw err;
    }
    if (endFill(userId, key, token) && loaded.keep !== false && caching()) {
      // Counted from before the read, so an answer never outlives its TTL or its time rule; not
      // served from `expires` on (lru-cache still serves at start + ttl, hence the 1 ms).
      const expires = Math.ceil(Math.min(startedAt + opts.ttlMs, loaded.validUntil ?? Infinity));
      const ttl = expires - 1 - now().getTime();
      if (ttl > 0) store(userId, key, loaded.value, ttl);
    }
    return loaded.value;
  }

  return {
    read,
    peek,
    weight: () => (weighed ? answers.calculatedSize : answers.size),
  };
}
