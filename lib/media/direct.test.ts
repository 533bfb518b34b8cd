import { describe, expect, it } from "vitest";
import { directConnection, parseIceServers } from "@/lib/media/direct";

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

describe("directConnection", () => {
  it("is the direct transport for the session's room with the configured ICE servers", () => {
    expect(directConnection("3f0c1d8e-2b4a-4c6e-9a1b-5d7e8f9a0b1c", '[{"urls":"stun:a"}]')).toEqual({
      transport: "direct",
      roomName: "3f0c1d8e-2b4a-4c6e-9a1b-5d7e8f9a0b1c",
      iceServers: [{ urls: "stun:a" }],
    });
  });

  it("needs no ICE servers on localhost or a LAN", () => {
    expect(directConnection("room", undefined).iceServers).toEqual([]);
  });
});
