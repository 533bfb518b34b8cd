import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { MAX_SIGNAL_PAYLOAD_BYTES, MAX_SIGNALS_PER_SESSION, postSignal } from "@/lib/media/signalling";
import { api } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import { GET, POST } from "./route";

type Who = { id: number } | null;

const send = (as: Who, session_id: string, body: unknown) => call(POST, "POST", { as, params: { session_id }, body });
const sendRaw = (as: Who, session_id: string, rawBody: string) => call(POST, "POST", { as, params: { session_id }, rawBody });
const read = (as: Who, session_id: string, after?: string) =>
  call(GET, "GET", { as, params: { session_id }, path: `/api/video/sessions/${session_id}/signals${after === undefined ? "" : `?after=${after}`}` });

const offer = { type: "offer", payload: { sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" } };
const answer = { type: "answer", payload: { sdp: "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n" } };
const candidate = { type: "candidate", payload: { candidate: "candidate:1 1 udp 2122260223 abc.local 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 } };

const signalCount = (sessionId: string) => prisma.callSignal.count({ where: { sessionId } });

/** A first call between Sarah and John: ringing, or answered by John. */
async function call_(state: "ringing" | "active" = "ringing") {
  const { sarah, john, match } = await createPair();
  const started = await api.startCall(sarah, match.id);
  expect(started.status).toBe(200);
  const id: string = started.json.session_id;
  if (state === "active") expect((await api.join(john, id)).json.session.status).toBe("active");
  return { sarah, john, match, id };
}


describe("signals of a live session", () => {
  it("carries each member's messages to the other one only, in order, after the cursor", async () => {
    const { sarah, john, id } = await call_("ringing");

    const sentOffer = await send(sarah, id, offer);
    expect(sentOffer.status).toBe(200);
    expect(sentOffer.json.signal.id).toMatch(/^\d+$/);
    expect((await send(sarah, id, candidate)).status).toBe(200);
    await api.join(john, id);
    expect((await send(john, id, answer)).status).toBe(200);

    const forJohn = await read(john, id);
    expect(forJohn.status).toBe(200);
    expect(forJohn.json.signals).toEqual([
      { id: sentOffer.json.signal.id, ...offer, created_at: expect.any(String) },
      { id: expect.stringMatching(/^\d+$/), ...candidate, created_at: expect.any(String) },
    ]);
    // Nobody reads their own messages back.
    const forSarah = await read(sarah, id, "0");
    expect(forSarah.json.signals.map((s: { type: string }) => s.type)).toEqual(["answer"]);

    // The cursor: only what came after the last message read.
    expect((await read(john, id, forJohn.json.signals[0].id)).json.signals.map((s: { type: string }) => s.type)).toEqual(["candidate"]);
    expect((await read(john, id, forJohn.json.signals[1].id)).json.signals).toEqual([]);
  });

  it("accepts a bye with or without an empty payload, and an end-of-candidates candidate", async () => {
    const { sarah, john, id } = await call_("active");
    expect((await send(sarah, id, { type: "candidate", payload: { candidate: "", sdpMid: null, sdpMLineIndex: null } })).status).toBe(200);
    expect((await send(sarah, id, { type: "bye" })).status).toBe(200);
    expect((await send(sarah, id, { type: "bye", payload: {} })).status).toBe(200);
    expect((await read(john, id)).json.signals.map((s: { type: string; payload: unknown }) => [s.type, s.payload])).toEqual([
      ["candidate", { candidate: "", sdpMid: null, sdpMLineIndex: null }],
      ["bye", {}],
      ["bye", {}],
    ]);
  });
});

describe("who may signal", () => {
  it("asks for sign-in first", async () => {
    const { id } = await call_();
    expect((await read(null, id)).status).toBe(401);
    expect((await send(null, id, offer)).status).toBe(401);
    expect(await signalCount(id)).toBe(0);
  });

  it("answers 404 to anyone but the two members, and writes nothing", async () => {
    const { sarah, id } = await call_("active");
    await send(sarah, id, offer);
    const stranger = await createMember({ name: "Eve" });

    const r = await read(stranger, id);
    expect(r.status).toBe(404);
    expect(r.json.error).toBe("Call not found.");
    expect((await send(stranger, id, answer)).status).toBe(404);
    expect(await signalCount(id)).toBe(1);
    // An unknown session looks exactly the same.
    expect((await read(stranger, randomUUID())).status).toBe(404);
  });

  it("answers 404 once the match is blocked", async () => {
    const { sarah, john, match, id } = await call_("active");
    expect((await api.block(john, match.id)).status).toBe(200);
    expect((await read(sarah, id)).status).toBe(404);
    expect((await send(sarah, id, offer)).status).toBe(404);
  });
});

describe("ended sessions", () => {
  it("refuses reads and writes with 409 after a hang-up, and the messages are gone", async () => {
    const { sarah, john, id } = await call_("active");
    await send(sarah, id, offer);
    await send(john, id, answer);
    expect((await api.end(john, id)).json.session.status).toBe("completed");

    for (const who of [sarah, john]) {
      const r = await read(who, id);
      expect(r.status).toBe(409);
      expect(r.json).toEqual({ error: "This call has ended.", code: "ended" });
      expect((await send(who, id, candidate)).status).toBe(409);
    }
    expect(await signalCount(id)).toBe(0);
  });

  it("refuses with 409 after a cancel and after a decline", async () => {
    const cancelled = await call_();
    await api.cancel(cancelled.sarah, cancelled.id);
    expect((await send(cancelled.sarah, cancelled.id, offer)).status).toBe(409);

    const declined = await call_();
    await api.decline(declined.john, declined.id);
    expect((await read(declined.john, declined.id)).status).toBe(409);
  });

  it("refuses a first call past its cap, and a call ringing past its timeout, before anything marked them ended", async () => {
    const active = await call_("active");
    const ringing = await call_("ringing");
    const restore = setClock(() => new Date(Date.now() + 61_000));
    try {
      expect((await send(active.sarah, active.id, candidate)).status).toBe(409);
      expect((await read(active.john, active.id)).status).toBe(409);
      expect((await send(ringing.sarah, ringing.id, offer)).status).toBe(409);
    } finally {
      restore();
    }
    expect(await signalCount(active.id)).toBe(0);
    expect(await signalCount(ringing.id)).toBe(0);
  });

  it("never leaves a message behind when the call ends while messages are being sent", async () => {
    const { sarah, john, id } = await call_("active");
    const sends = Array.from({ length: 8 }, (_, i) => send(i % 2 ? john : sarah, id, candidate));
    const ended = api.end(john, id);
    const results = await Promise.all([...sends, ended]);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect((await ended).json.session.status).toBe("completed");
    expect(await signalCount(id)).toBe(0);
  });
});

describe("bad input", () => {
  it.each([
    ["an unknown type", { type: "hello", payload: {} }],
    ["no type", { payload: { sdp: "x" } }],
    ["an offer without SDP", { type: "offer", payload: {} }],
    ["an empty SDP", { type: "answer", payload: { sdp: "" } }],
    ["an SDP that is not a string", { type: "offer", payload: { sdp: 42 } }],
    ["extra fields in the payload", { type: "offer", payload: { sdp: "v=0", type: "offer", extra: 1 } }],
    ["extra fields in the message", { ...offer, to: 7 }],
    ["a candidate without its line", { type: "candidate", payload: { sdpMid: "0" } }],
    ["a negative m-line index", { type: "candidate", payload: { candidate: "c", sdpMLineIndex: -1 } }],
    ["a bye with a payload", { type: "bye", payload: { reason: "x" } }],
    ["an array", [offer]],
  ])("refuses %s with 400 and writes nothing", async (_, body) => {
    const { sarah, id } = await call_("active");
    const r = await send(sarah, id, body);
    expect(r.status).toBe(400);
    expect(r.json.error).toEqual(expect.any(String));
    expect(await signalCount(id)).toBe(0);
  });

  it("refuses malformed JSON and a non-JSON body with 400", async () => {
    const { sarah, id } = await call_("active");
    expect((await sendRaw(sarah, id, "{not json")).status).toBe(400);
    const text = await call(POST, "POST", { as: sarah, params: { session_id: id }, rawBody: "offer", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(400);
    expect(await signalCount(id)).toBe(0);
  });

  it("refuses a session id that is not a UUID and a cursor that is not an id with 400", async () => {
    const { sarah, id } = await call_("active");
    expect((await send(sarah, "not-a-uuid", offer)).status).toBe(400);
    expect((await read(sarah, "not-a-uuid")).status).toBe(400);
    for (const after of ["abc", "-1", "1.5", "9".repeat(19), ""]) {
      expect((await read(sarah, id, after)).status, `after=${after}`).toBe(400);
    }
  });

  it("accepts a large SDP up to the cap, refuses an over-large message and writes nothing for it", async () => {
    const { sarah, id } = await call_("active");
    const large = { type: "offer", payload: { sdp: "a".repeat(20 * 1024) } };
    expect((await send(sarah, id, large)).status).toBe(200);
    const tooBig = { type: "offer", payload: { sdp: "a".repeat(MAX_SIGNAL_PAYLOAD_BYTES + 2048) } };
    expect((await send(sarah, id, tooBig)).status).toBe(413);
    // The module's own cap holds for callers other than the route, too.
    const huge = { type: "offer" as const, payload: { sdp: "a".repeat(MAX_SIGNAL_PAYLOAD_BYTES) } };
    await expect(postSignal(sarah.id, id, huge)).rejects.toMatchObject({ status: 413 });
    expect(await signalCount(id)).toBe(1);
  });

  it(`refuses more than ${MAX_SIGNALS_PER_SESSION} messages per session with 429`, async () => {
    const { sarah, john, id } = await call_("active");
    await prisma.callSignal.createMany({
      data: Array.from({ length: MAX_SIGNALS_PER_SESSION }, () => ({ sessionId: id, fromUserId: john.id, type: "candidate", payload: candidate.payload })),
    });
    const r = await send(sarah, id, candidate);
    expect(r.status).toBe(429);
    expect(await signalCount(id)).toBe(MAX_SIGNALS_PER_SESSION);
    // A read is capped per page, not refused.
    expect((await read(sarah, id)).json.signals).toHaveLength(100);
  });
});
