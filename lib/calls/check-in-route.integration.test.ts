import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setClock } from "@/lib/clock";
import { api } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import checkIn from "@/pages/api/video/sessions/[session_id]";
import { asRouteHandler } from "@/test/node-route";

// The check-in is a Pages Router API route (pages/api/video/sessions/[session_id].ts): Next.js
// would serve a test file in pages/ as a route, so its tests live here.
const GET = asRouteHandler(checkIn);

const get = (as: { id: number } | null, session_id: string) => call(GET, "GET", { as, params: { session_id } });

describe("GET /api/video/sessions/{session_id}", () => {
  it("refuses an id that is not a session's with 400, whatever its characters", async () => {
    const { sarah } = await createPair();
    for (const bad of ["not-a-uuid", "💕", "\u0000", "\ud800", " "]) {
      const res = await get(sarah, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.error).toEqual(expect.any(String));
    }
  });

  it("refuses a media report it doesn't know, or sent twice, with 400", async () => {
    const { sarah, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await api.session(sarah, id, "?media=loud")).status).toBe(400);
    expect((await api.session(sarah, id, "?media=connected&media=down")).status).toBe(400);
    expect((await api.session(sarah, id, "?media=connected")).status).toBe(200);
  });

  it("answers only GET (405 with Allow)", async () => {
    const { sarah, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    const res = await call(GET, "POST", { as: sarah, params: { session_id: id }, body: {} });
    expect(res.status).toBe(405);
    expect(res.json.error).toBe("Use GET to check in on a call.");
  });

  it("shows each member the session from their side, with the server's time", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;

    const forSarah = await get(sarah, id);
    expect(forSarah.status).toBe(200);
    expect(forSarah.json.session).toMatchObject({ session_id: id, status: "ringing", role: "caller", other_user_name: "John", cap_seconds: 60 });
    expect(Math.abs(Date.parse(forSarah.json.server_time) - Date.now())).toBeLessThan(5_000);

    await api.join(john, id);
    const forJohn = await get(john, id);
    expect(forJohn.json.session).toMatchObject({ status: "active", role: "callee", other_user_name: "Sarah" });
    expect(Date.parse(forJohn.json.session.ends_at) - Date.parse(forJohn.json.session.answered_at)).toBe(60_000);
  });

  it("reports a first call past its cap as completed", async () => {
    const { sarah, john, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    await api.join(john, id);
    const restore = setClock(() => new Date(Date.now() + 61_000));
    try {
      expect((await get(sarah, id)).json.session.status).toBe("completed");
    } finally {
      restore();
    }
  });

  it("is 401 signed out, 404 for anyone else or an unknown id, 400 for junk", async () => {
    const { sarah, match } = await createPair();
    const id: string = (await api.startCall(sarah, match.id)).json.session_id;
    expect((await get(null, id)).status).toBe(401);
    expect((await get(await createMember({ name: "Eve" }), id)).status).toBe(404);
    expect((await get(sarah, randomUUID())).status).toBe(404);
    expect((await get(sarah, "nope")).status).toBe(400);
  });
});
