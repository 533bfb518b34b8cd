// Flags of `npm run bench`. Pure, so a unit test can pin what each flag means.

export const PARTS = ["poll", "history", "lifecycle", "ring", "streams", "online"] as const;
/** What a bare `npm run bench` runs: the online ladder takes long and is asked for by name. */
export const DEFAULT_PARTS: Part[] = ["poll", "history", "lifecycle", "ring", "streams"];
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  /** Members seeded. */
  members: number;
  /** `next start` processes on the one database; load is split evenly across them. */
  instances: number;
  /** Seconds per load step (each endpoint at each concurrency). */
  seconds: number;
  /** Concurrency ladder for the poll, health and ceiling (always contains 50: the targets' point). */
  connections: number[];
  /** Members whose cookies the poll load rotates through (members "online"). */
  online: number;
  /** Concurrent start → join → end loops in the lifecycle measurement. */
  lifecycleConcurrency: number;
  /** Calls timed per ring measurement (push and poll each). */
  ringCalls: number;
  /**
   * Calls started per second while the poll-alone ring is timed. Below the server's call
   * capacity (`lifecycle_rps`): above it every request queues and the figure times the queue.
   */
  ringRate: number;
  /** Event streams held open on one server for the memory measurement. */
  streams: number;
  /** Seconds of steady rings while the streams are open, sampling the server's RSS. */
  soakSeconds: number;
  /**
   * The servers' V8 old-space cap in MB (--max-old-space-size), or null for Node's default. The
   * streams part always runs on a fresh server with a cap (this one, else STREAMS_HEAP_MB).
   */
  heapMb: number | null;
  build: boolean;
  quick: boolean;
  only: Set<Part>;
  /** The online load model (scripts/bench/online.ts): members online per step, climbed until a target fails. */
  onlineSteps: number[];
  /** Seconds recorded per online step, after `onlineWarmup` seconds of warm-up. */
  onlineSeconds: number;
  onlineWarmup: number;
  /** The model's rates: a member's safety poll period, calls a member starts per minute, ring and talk seconds. */
  pollSeconds: number;
  callsPerMemberPerMinute: number;
  ringSeconds: number;
  callSeconds: number;
}

/** The old-space cap of the online step's servers when --heap-mb is not given: 10,000 streams need more than 256 MB (docs/benchmarks.md). */
export const ONLINE_HEAP_MB = 1024;

/** The old-space cap of the streams part's server when --heap-mb is not given (docs/operations.md, Memory: a deployment caps it). */
export const STREAMS_HEAP_MB = 256;

type Online = "onlineSteps" | "onlineSeconds" | "onlineWarmup" | "pollSeconds" | "callsPerMemberPerMinute" | "ringSeconds" | "callSeconds";
const FULL: Omit<BenchOptions, "build" | "quick" | "only" | "instances" | "heapMb" | Online> = {
  members: 10_000,
  seconds: 5,
  connections: [10, 25, 50, 100, 200],
  online: 2_000,
  lifecycleConcurrency: 10,
  ringCalls: 200,
  ringRate: 10,
  streams: 2_000,
  soakSeconds: 60,
};

// Small enough to iterate on: a minute or two after the build.
const QUICK: typeof FULL = {
  members: 1_000,
  seconds: 2,
  connections: [10, 50, 100],
  online: 500,
  lifecycleConcurrency: 5,
  ringCalls: 100,
  ringRate: 10,
  streams: 200,
  soakSeconds: 10,
};

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (flags look like --name=value)`);
    flags.set(m[1], m[2] ?? "true");
  }
  const known = new Set([
    "members", "instances", "seconds", "connections", "online", "lifecycle-concurrency", "ring-calls", "ring-rate", "streams", "soak-seconds", "heap-mb", "no-build", "quick", "only",
    "online-steps", "online-seconds", "online-warmup", "poll-seconds", "calls-per-member-per-minute", "ring-seconds", "call-seconds",
  ]);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown flag --${k}; known: ${[...known].map((f) => `--${f}`).join(" ")}`);
  const quick = flags.get("quick") === "true";
  const base = quick ? QUICK : FULL;
  const int = (name: string, dflt: number, min: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  const connections = flags.has("connections")
    ? flags.get("connections")!.split(",").map((c) => {
        const n = Number(c);
        if (!Number.isInteger(n) || n < 1) throw new Error(`--connections takes positive integers, got ${c}`);
        return n;
      })
    : base.connections;
  const num = (name: string, dflt: number, min: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got ${raw}`);
    return n;
  };
  const only = new Set<Part>(DEFAULT_PARTS);
  if (flags.has("only")) {
    only.clear();
    for (const p of flags.get("only")!.split(",")) {
      if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only takes ${PARTS.join(",")}; got ${p}`);
      only.add(p as Part);
    }
  }
  const onlineSteps = flags.has("online-steps")
    ? flags.get("online-steps")!.split(",").map((c) => {
        const n = Number(c);
        if (!Number.isInteger(n) || n < 2 || n % 2) throw new Error(`--online-steps takes even member counts, got ${c}`);
        return n;
      })
    : quick
      ? [200, 500]
      : [1_000, 2_500, 5_000, 10_000, 20_000];
  // Online members are the mutual pairs' members: half of those seeded.
  const members = int("members", only.has("online") ? Math.max(base.members, 2 * Math.max(...onlineSteps)) : base.members, 100);
  const opts: BenchOptions = {
    members,
    instances: int("instances", 1, 1),
    seconds: int("seconds", base.seconds, 1),
    connections: [...new Set([...connections, 50])].sort((a, b) => a - b),
    online: Math.min(int("online", base.online, 1), members),
    lifecycleConcurrency: int("lifecycle-concurrency", base.lifecycleConcurrency, 1),
    ringCalls: int("ring-calls", base.ringCalls, 1),
    ringRate: int("ring-rate", base.ringRate, 1),
    streams: int("streams", base.streams, 1),
    soakSeconds: int("soak-seconds", base.soakSeconds, 0),
    heapMb: flags.has("heap-mb") ? int("heap-mb", 0, 64) : null,
    build: flags.get("no-build") !== "true",
    quick,
    only,
    onlineSteps,
    onlineSeconds: int("online-seconds", quick ? 30 : 120, 5),
    onlineWarmup: int("online-warmup", quick ? 15 : 60, 0),
    pollSeconds: num("poll-seconds", 20, 0.1),
    callsPerMemberPerMinute: num("calls-per-member-per-minute", 0.1, 0.001),
    ringSeconds: num("ring-seconds", 2, 0),
    callSeconds: num("call-seconds", 60, 1),
  };
  if (only.has("online") && Math.max(...onlineSteps) > Math.floor(members / 2)) throw new Error(`--online-steps up to ${Math.max(...onlineSteps)} needs --members ≥ ${2 * Math.max(...onlineSteps)}`);
  // Streams are held by members of the pending pairs (half the members), one per member.
  if (only.has("streams") && opts.streams > Math.floor(members / 2)) throw new Error(`--streams=${opts.streams} needs --members ≥ ${opts.streams * 2}`);
  return opts;
}
