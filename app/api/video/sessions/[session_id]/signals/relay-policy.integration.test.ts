import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { api } from "@/test/api";
import { createPair } from "@/test/factories";
import { call } from "@/test/http";
import { GET, POST } from "./route";

// This file's server runs with the relay policy and a TURN server (configuration is read once).
vi.hoisted(() => {
  process.env.ICE_TRANSPORT_POLICY = "relay";
  process.env.TURN_URLS = "turn:127.0.0.1:3478";
  process.env.TURN_SECRET = "relay-policy-test-secret";
});

const host = "candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host generation 0";
const srflx = "candidate:2 1 udp 1686052607 203.0.113.9 54321 typ srflx raddr 192.168.1.20 rport 54321";
const relay = "candidate:3 1 udp 41885439 198.51.100.4 50000 typ relay raddr 0.0.0.0 rport 0";
// A relay candidate whose related address is the sender's own (Firefox's; Chrome zeroes it).
const relayWithAddress = "candidate:4 1 UDP 92217087 198.51.100.4 50001 typ relay raddr 192.168.1.20 rport 54321";
const relayScrubbed = "candidate:4 1 UDP 92217087 198.51.100.4 50001 typ relay raddr 0.0.0.0 rport 0";

async function liveCall() {
  const { sarah, john, match } = await createPair();
  const id: string = (await api.startCall(sarah, match.id)).json.session_id;
  const joined = await api.join(john, id);
  expect(joined.json.media).toMatchObject({ transport: "direct", iceTransportPolicy: "relay", iceServers: [{ urls: ["turn:127.0.0.1:3478"], username: expect.stringMatching(new RegExp(`^\\d+:${john.id}$`)) }] });
  return { sarah, john, id };
}

const send = (as: { id: number }, session_id: string, body: unknown) => call(POST, "POST", { as, params: { session_id }, body });
const received = async (as: { id: number }, session_id: string) => {
  const res = await call(GET, "GET", { as, params: { session_id } });
  expect(res.status).toBe(200);
  return res.json.signals as { type: string; payload: { candidate?: string; sdp?: string } }[];
};

describe("signals under ICE_TRANSPORT_POLICY=relay", () => {
  it("refuses host and server-reflexive candidates and stores only relay ones", async () => {
    const { sarah, id } = await liveCall();
    for (const candidate of [host, srflx]) {
      const res = await send(sarah, id, { type: "candidate", payload: { candidate, sdpMid: "0", sdpMLineIndex: 0 } });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatch(/relay/);
    }
    expect(await prisma.callSignal.count({ where: { sessionId: id } })).toBe(0);
    expect((await send(sarah, id, { type: "candidate", payload: { candidate: relay, sdpMid: "0", sdpMLineIndex: 0 } })).status).toBe(200);
    expect((await send(sarah, id, { type: "candidate", payload: { candidate: "", sdpMid: "0", sdpMLineIndex: 0 } })).status).toBe(200);
  });

  it("strips non-relay candidate lines from offers and answers", async () => {
    const { sarah, id } = await liveCall();
    const sdp = ["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${host}`, `a=${srflx}`, `a=${relay}`, ""].join("\r\n");
    expect((await send(sarah, id, { type: "offer", payload: { sdp } })).status).toBe(200);
    const stored = await prisma.callSignal.findFirstOrThrow({ where: { sessionId: id, type: "offer" } });
    const storedSdp = (stored.payload as { sdp: string }).sdp;
    expect(storedSdp).not.toContain("192.168.1.20");
    expect(storedSdp).not.toContain("203.0.113.9 54321 typ srflx");
    expect(storedSdp).toContain(relay);
  });

  it("zeroes a relay candidate's related address (raddr/rport), which can be the sender's own", async () => {
    const { sarah, john, id } = await liveCall();
    expect((await send(sarah, id, { type: "candidate", payload: { candidate: relayWithAddress, sdpMid: "0", sdpMLineIndex: 0 } })).status).toBe(200);
    const sdp = ["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${relayWithAddress}`, ""].join("\r\n");
    expect((await send(sarah, id, { type: "offer", payload: { sdp } })).status).toBe(200);

    const signals = await received(john, id);
    expect(signals.map((s) => s.type)).toEqual(["candidate", "offer"]);
    expect(signals[0]!.payload).toEqual({ candidate: relayScrubbed, sdpMid: "0", sdpMLineIndex: 0 });
    expect(signals[1]!.payload.sdp).toBe(["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${relayScrubbed}`, ""].join("\r\n"));
    expect(JSON.stringify(await prisma.callSignal.findMany({ where: { sessionId: id } }), (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("192.168.1.20");
  });

  it("is not fooled by LF-only line endings (Chromium accepts them) or an extension reading 'typ relay'", async () => {
    const { sarah, john, id } = await liveCall();
    const hostInDisguise = `${host} x typ relay`;
    const res = await send(sarah, id, { type: "candidate", payload: { candidate: hostInDisguise, sdpMid: "0", sdpMLineIndex: 0 } });
    expect(res.status).toBe(400);
    const sdp = ["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${host}`, `a=${hostInDisguise}`, `a=${srflx}`, `a=${relayWithAddress}`, ""].join("\n");
    expect((await send(sarah, id, { type: "offer", payload: { sdp } })).status).toBe(200);
    const [offer] = await received(john, id);
    expect(offer!.payload.sdp).toBe(["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${relayScrubbed}`, ""].join("\n"));
  });
});
