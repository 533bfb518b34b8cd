// With LiveKit configured, every way an active call ends closes its media room once the
// transaction commits — including a first call cut off at its cap by a member's poll, so a
// client that ignores the ended status cannot keep talking past 60 s.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createMember, createPair } from "@/test/factories";
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
const methods = (room: string) =>
  lk.requests.filter((r) => r.body.room === room || r.body.name === room).map((r) => (r.method === "RemoveParticipant" ? `${r.method}:${r.body.identity}` : r.method));

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
      expect((await api.incomingCalls(john)).status).toBe(200);
      expect((await api.session(sarah, s)).json.session.status).toBe("completed");
      expect(deletedRooms()).toEqual([s]);
    } finally {
      restore();
    }
  });

  it("creates the room explicitly for two, with short timeouts", async () => {
    const { api } = await withLiveKit();
    const { sarah, john, match } = await createPair();
    const s = (await api.startCall(sarah, match.id)).json.session_id;
    await api.join(john, s);
    const created = lk.requests.find((r) => r.method === "CreateRoom" && r.body.name === s);
    expect(created?.body).toMatchObject({ name: s, maxParticipants: 2, emptyTimeout: 30, departureTimeout: 20 });
  });
});

describe("nobody can rejoin a call that ended", () => {
  /** A first call Sarah placed and John answered, with the fake server's log cleared. */
  async function activeCall(api: Awaited<ReturnType<typeof withLiveKit>>["api"]) {
    const { sarah, john, match } = await createPair();
    const s: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.join(john, s)).status).toBe(200);
    lk.requests.length = 0;
    return { sarah, john, match, s };
  }

  /** Both members removed with their tokens revoked, then the room deleted; no token for a rejoin. */
  async function expectEvicted(api: Awaited<ReturnType<typeof withLiveKit>>["api"], s: string, members: { id: number }[], rejoinStatus: number) {
    const log = methods(s);
    expect(log.slice(0, 2).sort()).toEqual(members.map((m) => `RemoveParticipant:${m.id}`).sort());
    expect(log.slice(2)).toEqual(["DeleteRoom"]);
    for (const r of lk.requests.filter((r) => r.method === "RemoveParticipant")) {
      expect(Number(r.body.revokeTokenTs)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    }
    lk.requests.length = 0;
    for (const m of members) {
      const rejoin = await api.join(m, s);
      expect(rejoin.status).toBe(rejoinStatus);
      expect(rejoin.json.media).toBeUndefined();
    }
    expect(lk.requests).toEqual([]);
  }

  it("after a hang-up", async () => {
    const { api } = await withLiveKit();
    const { sarah, john, s } = await activeCall(api);
    expect((await api.end(sarah, s)).status).toBe(200);
    await expectEvicted(api, s, [sarah, john], 409);
  });

  it("after a block (the blocker's match is gone for the other: 404)", async () => {
    const { api } = await withLiveKit();
    const { sarah, john, match, s } = await activeCall(api);
    expect((await api.block(john, match.id)).status).toBe(200);
    await expectEvicted(api, s, [sarah, john], 404);
  });

  it("after an admin force-end", async () => {
    const { api } = await withLiveKit();
    const { call } = await import("@/test/http");
    const forceEnd = await import("@/app/api/admin/sessions/[session_id]/force-end/route");
    const admin = await createMember({ name: "Admin", role: "admin" });
    const { sarah, john, s } = await activeCall(api);
    const res = await call(forceEnd.POST, "POST", { as: { id: admin.id, role: "admin" }, params: { session_id: s }, body: {} });
    expect(res.status).toBe(200);
    await expectEvicted(api, s, [sarah, john], 409);
  });
});
