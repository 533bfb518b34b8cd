// The bench's pure parts: what its flags mean, how it reads a ladder and a stream, its verdicts.
import { describe, expect, it } from "vitest";
import { parseOptions } from "./options";
import { verdicts } from "./report";
import { ringingSessionId, sseParser } from "./sse";
import { keepClimbing, quantile, saturation, type Step } from "./stats";

const step = (connections: number, rps: number, p99 = 50): Step => ({ connections, rps, p50: 10, p99 });

describe("options", () => {
  it("defaults to the full bench with 50 connections on the ladder", () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ members: 10_000, instances: 1, streams: 2_000, build: true, quick: false, heapMb: null });
    expect(o.connections).toEqual([10, 25, 50, 100, 200]);
    expect([...o.only]).toEqual(["poll", "history", "lifecycle", "ring", "streams"]);
  });

  it("adds 50 connections to a custom ladder and reads --only, --no-build, --quick", () => {
    const o = parseOptions(["--quick", "--connections=200,10", "--only=poll,ring", "--no-build", "--instances=2"]);
    expect(o.connections).toEqual([10, 50, 200]);
    expect([...o.only]).toEqual(["poll", "ring"]);
    expect(o).toMatchObject({ build: false, quick: true, instances: 2, members: 1_000 });
    expect(parseOptions(["--heap-mb=256"]).heapMb).toBe(256);
    expect(parseOptions([]).ringRate).toBe(10);
    expect(parseOptions(["--ring-rate=25"]).ringRate).toBe(25);
    expect(() => parseOptions(["--ring-rate=0"])).toThrow(/--ring-rate must be an integer ≥ 1/);
    expect(() => parseOptions(["--heap-mb=10"])).toThrow(/--heap-mb must be an integer ≥ 64/);
  });

  it("refuses unknown flags, bad numbers and more streams than members can hold", () => {
    expect(() => parseOptions(["--member=5"])).toThrow(/unknown flag --member/);
    expect(() => parseOptions(["--members=abc"])).toThrow(/--members must be an integer/);
    expect(() => parseOptions(["--only=poll,bogus"])).toThrow(/--only takes/);
    expect(() => parseOptions(["--members=1000", "--streams=600"])).toThrow(/needs --members ≥ 1200/);
  });
});

describe("stats", () => {
  it("quantile by nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.95)).toBe(95);
    expect(quantile(xs, 1)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it("saturation is the last step before throughput stops rising or p99 explodes", () => {
    expect(saturation([step(10, 100), step(25, 200), step(50, 300), step(100, 305)])?.connections).toBe(50);
    expect(saturation([step(10, 100), step(25, 200), step(50, 400, 2500)])?.connections).toBe(25);
    expect(saturation([step(10, 100), step(25, 200)])).toBeNull();
  });

  it("the ladder always reaches 50 connections, then climbs only while throughput rises", () => {
    expect(keepClimbing([], 50)).toBe(true);
    expect(keepClimbing([step(10, 300), step(25, 200)], 50)).toBe(true);
    expect(keepClimbing([step(25, 200), step(50, 300)], 50)).toBe(true);
    expect(keepClimbing([step(25, 300), step(50, 301)], 50)).toBe(false);
    expect(keepClimbing([step(25, 200), step(50, 300, 3000)], 50)).toBe(false);
  });
});

describe("server-sent events", () => {
  it("cuts messages across chunks, joins data lines, skips comments and CRLF", () => {
    const parse = sseParser();
    expect(parse("retry: 2000\n\nevent: ready\nda")).toEqual([]);
    expect(parse('ta: {"listening":true}\n\n: ping\n\nevent: call.ringing\r\ndata: {"type":"call.ringing",\r\ndata: "sessionId":"s1"}\r\n\r\n')).toEqual([
      { event: "ready", data: '{"listening":true}' },
      { event: "call.ringing", data: '{"type":"call.ringing",\n"sessionId":"s1"}' },
    ]);
  });

  it("recognises a ring by its event name or its data type, and nothing else", () => {
    expect(ringingSessionId({ event: "call.ringing", data: { sessionId: "a" } })).toBe("a");
    expect(ringingSessionId({ event: "message", data: { type: "call.ringing", sessionId: "b" } })).toBe("b");
    expect(ringingSessionId({ event: "call.stopped_ringing", data: { type: "call.stopped_ringing", sessionId: "c" } })).toBeNull();
    expect(ringingSessionId({ event: "call.ringing", data: "not json" })).toBeNull();
  });
});

describe("verdicts", () => {
  it("the poll must beat health with p99 ≤ 100 ms; the stream targets count only at 2,000 streams", () => {
    const v = verdicts({ poll_rps: 900, health_rps: 800, poll_p99_ms: 120, streams: 200, streams_rss_mb: 150, streams_ring_push_p95_ms: 40 });
    expect(v.find((x) => x.what.startsWith("poll vs"))?.met).toBe(false);
    expect(v.find((x) => x.what.startsWith("ring through the stream"))?.met).toBeNull();
    expect(v.find((x) => x.what.startsWith("server RSS"))?.met).toBeNull();
    const full = verdicts({ poll_rps: 900, health_rps: 800, poll_p99_ms: 80, streams: 2000, streams_rss_mb: 450, streams_ring_push_p95_ms: 40 });
    expect(full.find((x) => x.what.startsWith("poll vs"))?.met).toBe(true);
    expect(full.find((x) => x.what.startsWith("ring through the stream"))?.met).toBe(true);
    expect(full.find((x) => x.what.startsWith("server RSS"))?.met).toBe(false);
  });
});

describe("results file", () => {
  it("has every required key, null when unmeasured, with the long arrays last", async () => {
    const { finalize, REQUIRED_KEYS } = await import("./report");
    const out = finalize({ ladder: { poll: [] }, poll_rps: 300, commit: "abc", soak_rss_samples: [[0, 1]] });
    for (const k of REQUIRED_KEYS) expect(out).toHaveProperty(k);
    expect(out.ring_push_p95_ms).toBeNull();
    expect(out.poll_rps).toBe(300);
    expect(Object.keys(out).slice(-2)).toEqual(["ladder", "soak_rss_samples"]);
  });
});
