import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { directConnection, isRelayCandidate, parseIceServers, relayOnlySdp, turnCredentialTtlSeconds, TURN_TTL_MARGIN_SECONDS, withoutRelatedAddress } from "@/lib/media/direct";

describe("parseIceServers", () => {
  it("is empty when ICE_SERVERS is unset or blank", () => {
    expect(parseIceServers(undefined)).toEqual([]);
    expect(parseIceServers("  ")).toEqual([]);
  });

  it("reads STUN and TURN servers, with single or several URLs and credentials", () => {
    const json = JSON.stringify([
      { urls: "stun:turn.example.com:3478" },
      { urls: ["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349"], username: "u", credential: "p" },
    ]);
    expect(parseIceServers(json)).toEqual([
      { urls: "stun:turn.example.com:3478" },
      { urls: ["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349"], username: "u", credential: "p" },
    ]);
  });

  it("names ICE_SERVERS when the value is not JSON", () => {
    expect(() => parseIceServers("stun:turn.example.com")).toThrow(/ICE_SERVERS is not valid JSON/);
  });

  it.each([
    ["an object instead of an array", '{"urls":"stun:a"}'],
    ["an entry without urls", '[{"username":"u"}]'],
    ["an empty URL list", '[{"urls":[]}]'],
    ["a non-string credential", '[{"urls":"turn:a","username":"u","credential":5}]'],
  ])("names ICE_SERVERS when it has %s", (_, json) => {
    expect(() => parseIceServers(json)).toThrow(/ICE_SERVERS is invalid/);
  });
});

const base = { ICE_TRANSPORT_POLICY: "all" as const, RING_TIMEOUT_SECONDS: 45, FIRST_CALL_CAP_SECONDS: 60 };
const at = new Date("2030-01-01T00:00:00Z");

describe("directConnection", () => {
  it("is the direct transport for the session's room with the configured ICE servers", () => {
    expect(directConnection("3f0c1d8e-2b4a-4c6e-9a1b-5d7e8f9a0b1c", 7, { ...base, ICE_SERVERS: '[{"urls":"stun:a"}]' }, at)).toEqual({
      transport: "direct",
      roomName: "3f0c1d8e-2b4a-4c6e-9a1b-5d7e8f9a0b1c",
      iceServers: [{ urls: "stun:a" }],
      iceTransportPolicy: "all",
    });
  });

  it("needs no ICE servers on localhost or a LAN", () => {
    expect(directConnection("room", 7, base, at).iceServers).toEqual([]);
  });

  it("mints time-limited TURN credentials from the shared secret (coturn use-auth-secret)", () => {
    const secret = "a-long-shared-turn-secret";
    const conn = directConnection("room", 42, { ...base, ICE_TRANSPORT_POLICY: "relay", TURN_URLS: "turn:127.0.0.1:3478, turn:127.0.0.1:3478?transport=tcp", TURN_SECRET: secret }, at);
    // Ring timeout + first-call cap + margin (45 + 60 + 60), not an hour.
    const expiry = at.getTime() / 1000 + 165;
    const expected = createHmac("sha1", secret).update(`${expiry}:42`).digest("base64");
    expect(conn).toMatchObject({ iceTransportPolicy: "relay", iceServers: [{ urls: ["turn:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=tcp"], username: `${expiry}:42`, credential: expected }] });
    expect(JSON.stringify(conn)).not.toContain(secret);
  });

  it("TURN credentials last the ring timeout plus the first-call cap plus a margin, unless configured", () => {
    expect(turnCredentialTtlSeconds(base)).toBe(45 + 60 + TURN_TTL_MARGIN_SECONDS);
    expect(turnCredentialTtlSeconds({ ...base, RING_TIMEOUT_SECONDS: 30, FIRST_CALL_CAP_SECONDS: 120 })).toBe(30 + 120 + TURN_TTL_MARGIN_SECONDS);
    expect(turnCredentialTtlSeconds({ ...base, TURN_CREDENTIAL_TTL_SECONDS: 600 })).toBe(600);
    const conn = directConnection("room", 9, { ...base, TURN_URLS: "turn:a", TURN_SECRET: "a-long-shared-turn-secret" }, at);
    const username = conn.iceServers[0]!.username!;
    expect(Number(username.split(":")[0]) - at.getTime() / 1000).toBe(165);
    expect(Number(username.split(":")[0]) - at.getTime() / 1000).toBeLessThan(3600);
  });

  it("refuses the relay policy without a TURN server, and TURN_URLS without a secret", () => {
    expect(() => directConnection("room", 1, { ...base, ICE_TRANSPORT_POLICY: "relay", ICE_SERVERS: '[{"urls":"stun:a"}]' }, at)).toThrow(/needs a TURN server/);
    expect(() => directConnection("room", 1, { ...base, TURN_URLS: "turn:a" }, at)).toThrow(/TURN_SECRET/);
  });
});

describe("relay-only filtering", () => {
  const host = "candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host generation 0";
  const srflx = "candidate:2 1 udp 1686052607 203.0.113.9 54321 typ srflx raddr 192.168.1.20 rport 54321";
  const relay = "candidate:3 1 udp 41885439 198.51.100.4 50000 typ relay raddr 203.0.113.9 rport 54321 generation 0 network-id 1";
  const relayScrubbed = "candidate:3 1 udp 41885439 198.51.100.4 50000 typ relay raddr 0.0.0.0 rport 0 generation 0 network-id 1";
  it("recognises relay candidates only", () => {
    expect([host, srflx, relay, `a=${relay}`].map(isRelayCandidate)).toEqual([false, false, true, true]);
    // "typ relay" as an extension's name and value is still a host candidate.
    expect(isRelayCandidate(`${host} x typ relay`)).toBe(false);
  });
  it("zeroes a candidate's related address, and nothing that only looks like one", () => {
    expect(withoutRelatedAddress(relay)).toBe(relayScrubbed);
    expect(withoutRelatedAddress(`a=${relay}`)).toBe(`a=${relayScrubbed}`);
    // A foundation called "raddr" is the foundation, not the field.
    expect(withoutRelatedAddress("candidate:raddr 1 udp 41885439 198.51.100.4 50000 typ relay raddr 10.0.0.7 rport 5")).toBe("candidate:raddr 1 udp 41885439 198.51.100.4 50000 typ relay raddr 0.0.0.0 rport 0");
  });
  it("strips every non-relay candidate line from an SDP and zeroes the relay ones' related addresses", () => {
    const sdp = ["v=0", `a=${host}`, "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${srflx}`, `a=${relay}`, ""].join("\r\n");
    expect(relayOnlySdp(sdp)).toBe(["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${relayScrubbed}`, ""].join("\r\n"));
  });
  it("reads lines the way browsers do: LF-only line endings too", () => {
    const sdp = ["v=0", `a=${host}`, "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${srflx}\r`, `a=${relay}`, ""].join("\n");
    expect(relayOnlySdp(sdp)).toBe(["v=0", "m=video 9 UDP/TLS/RTP/SAVPF 96", `a=${relayScrubbed}`, ""].join("\n"));
  });
});
