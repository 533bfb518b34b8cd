// Event streams are capped per client address and per instance as well as per member: beyond
// either cap a new stream answers 429 with { error } and opens nothing; a closed one frees its slot.
import { afterEach, describe, expect, it, vi } from "vitest";

// Small caps for this file, set before lib/env first reads them.
vi.hoisted(() => {
  process.env.EVENT_STREAMS_PER_ADDRESS = "3";
  process.env.EVENT_STREAMS_PER_INSTANCE = "5";
});

import { streamCount, streamCountFrom } from "@/lib/events/hub";
import { streamLimits } from "@/lib/events/limits";
import { createMember } from "@/test/factories";
import { openEventStream, type OpenStream } from "@/test/sse";

const open: OpenStream[] = [];
async function stream(as: { id: number }, address: string) {
  const s = await openEventStream(as, { "x-forwarded-for": address });
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) s.disconnect();
  await vi.waitFor(() => expect(streamCount()).toBe(0));
});

describe("event stream caps", () => {
  it("reads its caps from the environment (defaults: 10,000 per instance, 100 per address)", () => {
    expect(streamLimits()).toMatchObject({ perAddress: 3, perInstance: 5 });
  });

  it("answers 429 to a fourth stream from one address, whoever signs in, and admits it once one closes", async () => {
    const members = await Promise.all(["A", "B", "C", "D"].map((name) => createMember({ name })));
    for (const m of members.slice(0, 3)) expect((await stream(m, "198.51.100.7")).status).toBe(200);
    expect(streamCountFrom("198.51.100.7")).toBe(3);
    const refused = await stream(members[3]!, "198.51.100.7");
    expect(refused).toMatchObject({ status: 429, json: { error: expect.any(String) } });
    expect(streamCount(members[3]!.id)).toBe(0);
    // Another address is not affected.
    expect((await stream(members[3]!, "198.51.100.8")).status).toBe(200);
    open[0]!.disconnect();
    await vi.waitFor(() => expect(streamCountFrom("198.51.100.7")).toBe(2));
    const admitted = await stream(members[3]!, "198.51.100.7");
    expect(admitted.status).toBe(200);
    await admitted.next("ready");
  });

  it("answers 429 once the instance holds its cap of streams, from any address", async () => {
    const members = await Promise.all(["A", "B", "C", "D", "E", "F"].map((name) => createMember({ name })));
    for (const [i, m] of members.slice(0, 5).entries()) expect((await stream(m, `192.0.2.${i + 1}`)).status).toBe(200);
    expect(streamCount()).toBe(5);
    expect(await stream(members[5]!, "192.0.2.99")).toMatchObject({ status: 429, json: { error: expect.stringContaining("too many") } });
    expect(streamCount()).toBe(5);
  });
});
