// With LiveKit configured, every way an active call ends closes its media room once the
// transaction commits — including a first call cut off at its cap by a member's poll, so a
// client that ignores the ended status cannot keep talking past 60 s.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPair } from "@/test/factories";
import { fakeLiveKit } from "@/test/fake-livekit";

let lk: Awaited<ReturnType<typeof fakeLiveKit>>;

beforeAll(async () => {
  lk = await fakeLiveKit();
});
afterAll(() => lk.close());
afterEach(() => {
  vi.unstubAllEnvs();
  lk.requests.length = 0;
});

/** The API and the clock, loaded fresh with LiveKit configured (the server configuration is cached per module). */
async function withLiveKit() {
  vi.resetModules();
  vi.stubEnv("LIVEKIT_URL", lk.url);
  vi.stubEnv("LIVEKIT_API_KEY", "rooms-test-key");
  vi.stubEnv("LIVEKIT_API_SECRET", "rooms-test-secret-0123456789");
  const { api } = await import("@/test/api");
  const { setClock } = await import("@/lib/clock");
  return { api, setClock };
}

const deletedRooms = () => lk.requests.filter((r) => r.method === "DeleteRoom").map((r) => r.body.room);

describe("media rooms of ended calls", () => {
  it("a hang-up closes the room; a call that only rang opens none and closes none", async () => {
    const { api } = await withLiveKit();
    const { sarah, john, match } = await createPair();
    const s = (await api.startCall(sarah, match.id)).json.session_id;
    const joined = await api.join(john, s);
    expect(joined.json.media).toMatchObject({ transport: "livekit", roomName: s });
    expect(lk.requests.some((r) => r.method === "CreateRoom" && r.body.name === s)).toBe(true);
    await api.end(sarah, s);
    expect(deletedRooms()).toEqual([s]);

    const other = await createPair();
    const t = (await api.startCall(other.sarah, other.match.id)).json.session_id;
    await api.cancel(other.sarah, t);
    expect(deletedRooms()).toEqual([s]);
  });

  it("a first call cut off at its cap by a poll (not the sweeper) closes the room", async () => {
    const { api, setClock } = await withLiveKit();
    let t = Date.now();
    const restore = setClock(() => new Date(t));
    try {
      const { sarah, john, match } = await createPair();
      const s = (await api.startCall(sarah, match.id)).json.session_id;
      await api.join(john, s);
      for (let i = 0; i < 5; i++) {
        t += 10_000;
        await api.session(sarah, s);
        await api.session(john, s);
      }
      expect(deletedRooms()).toEqual([]);
      t += 10_000; // 60 s since the answer: the cap
      expect((await api.pendingCalls(john)).status).toBe(200);
      expect((await api.session(sarah, s)).json.session.status).toBe("completed");
      expect(deletedRooms()).toEqual([s]);
    } finally {
      restore();
    }
  });
});
