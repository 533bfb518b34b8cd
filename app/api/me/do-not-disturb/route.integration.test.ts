import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setClock } from "@/lib/clock";
import { call } from "@/test/http";
import { createPair } from "@/test/factories";
import { routes } from "@/test/api";

const startCall = routes.startCallRoute.POST;
import { GET, PUT } from "./route";

describe("do not disturb", () => {
  let restoreClock: (() => void) | undefined;
  afterEach(() => restoreClock?.());

  it("turns calls off for an hour: callers get 409 do_not_disturb and no session rings", async () => {
    // A mutual match hears the reason; a pending stranger gets a generic answer (ring-limit.test.ts).
    const { sarah, john, match } = await createPair("matched");
    const res = await call(PUT, "PUT", { as: sarah, body: { mode: "1h" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ active: true, indefinite: false });
    expect(new Date(res.json.until).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await call(GET, "GET", { as: sarah })).json).toEqual(res.json);

    const attempt = await call(startCall, "POST", { as: john, body: { match_id: match.id } });
    expect(attempt.status).toBe(409);
    expect(attempt.json).toEqual({ error: "Sarah isn't taking calls right now.", code: "do_not_disturb" });
    expect(await prisma.callSession.count({ where: { matchId: match.id } })).toBe(0);
  });

  it("lets calls through again after the hour, or once turned back on", async () => {
    const { sarah, john, match } = await createPair();
    await call(PUT, "PUT", { as: sarah, body: { mode: "1h" } });
    const later = Date.now() + 61 * 60_000;
    restoreClock = setClock(() => new Date(later));
    expect((await call(GET, "GET", { as: sarah })).json).toEqual({ active: false, until: null, indefinite: false });
    restoreClock();
    restoreClock = undefined;

    await call(PUT, "PUT", { as: sarah, body: { mode: "until_turned_on" } });
    expect((await call(GET, "GET", { as: sarah })).json).toEqual({ active: true, until: null, indefinite: true });
    expect((await call(startCall, "POST", { as: john, body: { match_id: match.id } })).status).toBe(409);
    expect((await call(PUT, "PUT", { as: sarah, body: { mode: "off" } })).json).toEqual({ active: false, until: null, indefinite: false });
    const ringing = await call(startCall, "POST", { as: john, body: { match_id: match.id } });
    expect(ringing.status).toBe(200);
    expect(ringing.json.status).toBe("ringing");
  });

  it("sets 'until tomorrow' to the next morning in the member's time zone", async () => {
    const { sarah } = await createPair();
    restoreClock = setClock(() => new Date("2026-06-14T21:30:00Z"));
    const res = await call(PUT, "PUT", { as: sarah, body: { mode: "until_tomorrow", time_zone: "Europe/Lisbon" } });
    expect(res.json).toEqual({ active: true, until: "2026-06-15T07:00:00.000Z", indefinite: false });
  });

  it.each([
    [{ mode: "forever" }, /mode must be one of/],
    [{ mode: "1h", time_zone: "Mars/Olympus" }, /IANA time zone/],
    [{ mode: "1h", until: "2099-01-01" }, /Unrecognized key/i],
    [{}, /mode/],
  ])("refuses %j", async (body, message) => {
    const { sarah } = await createPair();
    const res = await call(PUT, "PUT", { as: sarah, body });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(message);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: sarah.id } })).dndUntil).toBeNull();
  });

  it("needs a signed-in member", async () => {
    expect((await call(GET, "GET")).status).toBe(401);
    expect((await call(PUT, "PUT", { body: { mode: "1h" } })).status).toBe(401);
  });
});
