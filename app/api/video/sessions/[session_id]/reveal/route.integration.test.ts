import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { stopListener, whenListening } from "@/lib/events/listener";
import { api } from "@/test/api";
import { delivered } from "@/test/events";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import { POST } from "./route";

// Blur until I reveal: who starts blurred, who may reveal, and what each side is told.

// The other member hears through the real listener (pg_notify from the reveal's transaction).
beforeAll(() => whenListening());
afterAll(() => stopListener());

const reveal = (as: { id: number } | null, session_id: string) => call(POST, "POST", { as, params: { session_id }, body: {} });
const session = (id: string) => prisma.callSession.findUniqueOrThrow({ where: { id }, select: { callerBlurred: true, calleeBlurred: true } });

describe("POST /api/video/sessions/{session_id}/reveal", () => {
  it("a first call starts with both blurred; each reveal clears only the revealer's picture, and the other side hears of it", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    const joined = await api.join(john, id);
    expect(joined.json.session).toMatchObject({ self_blurred: true, other_blurred: true });

    const heard = delivered("session.changed", john.id);
    const res = await reveal(sarah, id);
    expect(res.status).toBe(200);
    expect(res.json.session).toMatchObject({ self_blurred: false, other_blurred: true });
    expect(await heard).toMatchObject({ sessionId: id, status: "active" });
    expect(await session(id)).toEqual({ callerBlurred: false, calleeBlurred: true });

    // The other member's reveal is theirs alone; revealing again changes nothing.
    expect((await reveal(john, id)).json.session).toMatchObject({ self_blurred: false, other_blurred: false });
    expect((await reveal(sarah, id)).status).toBe(200);
    expect(await session(id)).toEqual({ callerBlurred: false, calleeBlurred: false });
  });

  it("a member who turned the setting off starts clear; repeat calls are never blurred", async () => {
    const { sarah, john, match } = await createPair();
    await prisma.profile.update({ where: { userId: john.id }, data: { blurFirstCalls: false } });
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect(await session(id)).toEqual({ callerBlurred: true, calleeBlurred: false });

    const mutual = await createPair("matched");
    const repeat: string = (await api.startCall(mutual.sarah, mutual.match.id)).json.session_id;
    expect(await session(repeat)).toEqual({ callerBlurred: false, calleeBlurred: false });
  });

  it("is 401 signed out, 404 for anyone else or an unknown id, 400 for junk, 409 once the call ended — and changes nothing", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await reveal(null, id)).status).toBe(401);
    const eve = await reveal(await createMember({ name: "Eve" }), id);
    expect(eve.status).toBe(404);
    expect(eve.json).toEqual({ error: expect.any(String) });
    expect((await reveal(sarah, randomUUID())).status).toBe(404);
    expect((await reveal(sarah, "nope")).status).toBe(400);
    expect(await session(id)).toEqual({ callerBlurred: true, calleeBlurred: true });

    await api.decline(john, id);
    const late = await reveal(sarah, id);
    expect(late.status).toBe(409);
    expect(await session(id)).toEqual({ callerBlurred: true, calleeBlurred: true });
  });
});
