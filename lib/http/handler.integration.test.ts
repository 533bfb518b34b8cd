// The one responder's edge rules, through real route handlers on a real database: the
// same-origin rule and the JSON Content-Type for unsafe methods (CSRF), the streamed body cap,
// and NUL characters anywhere in the input.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { MAX_JSON_BYTES, parse, route } from "@/lib/http/handler";
import { reportInput } from "@/lib/safety/report";
import { api, routes } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { call, type CallOptions } from "@/test/http";
import * as profileRoute from "@/app/api/profile/route";
import * as photoRoute from "@/app/api/profile/photo/route";
import * as reportRoute from "@/app/api/matches/[match_id]/report/route";
import * as signupRoute from "@/app/api/signup/route";
import * as signalsRoute from "@/app/api/video/sessions/[session_id]/signals/route";
import * as adminMembersRoute from "@/app/api/admin/members/route";
import * as missedSeenRoute from "@/app/api/me/missed-calls/seen/route";
import { saveProfile } from "@/lib/profile/actions";


/** Everything a refused request could have touched. */
async function snapshot() {
  const [sessions, matches, reports, profiles, users, signals] = await Promise.all([
    prisma.callSession.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    prisma.match.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    prisma.report.count(),
    prisma.profile.findMany({ orderBy: { userId: "asc" }, select: { userId: true, displayName: true, bio: true } }),
    prisma.user.count(),
    prisma.callSignal.count(),
  ]);
  return JSON.stringify({ sessions, matches, reports, profiles, users, signals });
}

function expectRefused(res: { status: number; json: unknown }, status: number, message?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ error: expect.any(String) });
  if (message) expect((res.json as { error: string }).error).toMatch(message);
}

describe("CSRF: unsafe methods only from our own origin", () => {
  const startCall = async (headers: Record<string, string>) => {
    const { sarah, match } = await createPair();
    return call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id }, headers });
  };

  it.each([
    [{ "sec-fetch-site": "cross-site" }],
    [{ "sec-fetch-site": "same-site" }],
    [{ "sec-fetch-site": "cross-site", origin: "http://localhost" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "http://localhost:4000" }],
    [{ origin: "null" }],
  ])("refuses %j with 403 and changes nothing", async (headers) => {
    const { sarah, match } = await createPair();
    const before = await snapshot();
    const res = await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id }, headers });
    expectRefused(res, 403, /another site/);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    [{ "sec-fetch-site": "same-origin" }],
    [{ "sec-fetch-site": "none" }],
    [{ "sec-fetch-site": "same-origin", origin: "http://localhost" }],
    [{ origin: "http://localhost" }],
    [{}],
  ])("accepts %j", async (headers) => {
    expect((await startCall(headers)).status).toBe(200);
  });

  it("covers every unsafe method and routes that read no body", async () => {
    const { sarah, john, match } = await createPair();
    const evil = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
    const before = await snapshot();
    expectRefused(await call(routes.unmatchRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, headers: evil }), 403);
    expectRefused(await call(routes.blockRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, headers: evil }), 403);
    expectRefused(await call(routes.findRoute.POST, "POST", { as: john, headers: evil }), 403);
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { bio: "pwned" }, headers: evil }), 403);
    expectRefused(await call(photoRoute.DELETE, "DELETE", { as: sarah, headers: evil }), 403);
    expect(await snapshot()).toBe(before);
  });

  it("leaves safe methods alone (a cross-site GET changes nothing anyway)", async () => {
    const { sarah } = await createPair();
    expect((await call(routes.matchesRoute.GET, "GET", { as: sarah, headers: { "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });
});

describe("CSRF: unsafe methods must say application/json", () => {
  it.each([
    [null],
    ["text/plain"],
    ["text/plain; application/json"],
    ["text/plain;charset=utf-8, application/json"],
    ["application/x-www-form-urlencoded"],
    ["multipart/form-data; boundary=x"],
    ["application/jsonp"],
    ["application/json-patch+json"],
  ])("refuses Content-Type %j with 400, on routes that read a body and routes that don't", async (contentType) => {
    const { sarah, match } = await createPair();
    const before = await snapshot();
    const body = JSON.stringify({ match_id: match.id });
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, rawBody: body, contentType }), 400, /application\/json/);
    expectRefused(await call(routes.unmatchRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, contentType }), 400, /application\/json/);
    expectRefused(await call(routes.blockRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, contentType }), 400);
    expectRefused(await call(photoRoute.DELETE, "DELETE", { as: sarah, contentType }), 400);
    expect(await snapshot()).toBe(before);
  });

  it.each([["application/json"], ["application/json; charset=utf-8"], ["Application/JSON;charset=UTF-8"]])("accepts %j", async (contentType) => {
    const { sarah, match } = await createPair();
    expect((await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id }, contentType })).status).toBe(200);
    expect((await call(routes.unmatchRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, contentType })).status).toBe(200);
  });
});

/** A body streamed in 1 KB chunks with no content-length; counts how many bytes were pulled. */
function countingStream(totalBytes: number, fill = "a") {
  const chunk = new TextEncoder().encode(fill.repeat(1024));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe("body cap without a Content-Length", () => {
  it("stops reading a chunked JSON body at the cap: 413, and the rest is never pulled", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const before = await snapshot();
    const body = countingStream(10 * 1024 * 1024);
    const res = await call(profileRoute.PATCH, "PATCH", { as: sarah, stream: body.stream });
    expectRefused(res, 413);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_JSON_BYTES + 4 * 1024);
    expect(await snapshot()).toBe(before);
  });

  it("reads a chunked body under the cap as usual", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const json = new TextEncoder().encode(JSON.stringify({ bio: "Streamed in." }));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(json.slice(0, 5));
        c.enqueue(json.slice(5));
        c.close();
      },
    });
    const res = await call(profileRoute.PATCH, "PATCH", { as: sarah, stream });
    expect(res.status).toBe(200);
    expect(res.json.bio).toBe("Streamed in.");
  });

  it("refuses a body that is not UTF-8 as malformed", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x7b, 0x22, 0x62, 0x69, 0x6f, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])); // {"bio":"\xff\xfe"}
        c.close();
      },
    });
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, stream }), 400, /Malformed/);
  });
});

describe("NUL characters are refused with 400 wherever input enters", () => {
  const NUL = "\u0000";

  it("in JSON string values: names, bios, report details, sign-up, SDP", async () => {
    const { sarah, john, match } = await createPair();
    const started = await api.startCall(sarah, match.id);
    const sessionId: string = started.json.session_id;
    await api.join(john, sessionId);
    const before = await snapshot();

    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { displayName: `Sa${NUL}rah` } }), 400, /displayName.*NUL/);
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { bio: `Hi${NUL}` } }), 400, /bio.*NUL/);
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, body: { interests: ["jazz", `x${NUL}`] } }), 400, /interests\.1.*NUL/);
    expectRefused(
      await call(reportRoute.POST, "POST", { as: sarah, params: { match_id: String(match.id) }, body: { reason: "harassment", details: `bad${NUL}words` } }),
      400,
      /details.*NUL/,
    );
    expectRefused(
      await call(signupRoute.POST, "POST", {
        body: { email: "nul@test.meetcute", password: "long enough password", displayName: `N${NUL}`, birthDate: "1990-01-01", gender: "woman", interestedIn: ["man"], city: "Porto" },
      }),
      400,
      /NUL/,
    );
    expectRefused(
      await call(signalsRoute.POST, "POST", { as: sarah, params: { session_id: sessionId }, body: { type: "offer", payload: { sdp: `v=0\r\n${NUL}` } } }),
      400,
      /payload\.sdp.*NUL/,
    );
    // In a key too (the JSON text carries it as the \u0000 escape).
    expectRefused(await call(profileRoute.PATCH, "PATCH", { as: sarah, rawBody: '{"bio\\u0000":"x"}' }), 400, /NUL/);
    expect(await snapshot()).toBe(before);
  });

  it("in query strings: the admin member search, the signals cursor", async () => {
    const admin = await createMember({ name: "Admin", role: "admin" });
    const { sarah, match } = await createPair();
    const sessionId: string = (await api.startCall(sarah, match.id)).json.session_id;
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=%00" }), 400, /q.*NUL/);
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=sam%00&page=1" }), 400, /NUL/);
    expectRefused(await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q%00=x" }), 400, /NUL/);
    expectRefused(
      await call(signalsRoute.GET, "GET", { as: sarah, params: { session_id: sessionId }, path: `/api/video/sessions/${sessionId}/signals?after=%00` }),
      400,
      /NUL/,
    );
    // The search itself still works.
    expect((await call(adminMembersRoute.GET, "GET", { as: admin, path: "/api/admin/members?q=sarah" })).status).toBe(200);
  });

  it("in path params", async () => {
    const { sarah } = await createPair();
    expectRefused(await call(routes.sessionRoute.GET, "GET", { as: sarah, params: { session_id: `abc${NUL}` } }), 400, /session_id.*NUL/);
    expectRefused(await call(routes.historyRoute.GET, "GET", { as: sarah, params: { match_id: `1${NUL}` } }), 400, /NUL/);
  });

  it("in server-action input: parse() (report details, admin notes) and the profile form's FormData", async () => {
    expect(() => parse(reportInput, { reason: "harassment", details: `x${NUL}` })).toThrow(/details.*NUL/);
    const form = new FormData();
    form.set("displayName", "Ok");
    form.set("bio", `About me${NUL}`);
    form.set("city", "Porto");
    form.append("interestedIn", "man");
    const state = await saveProfile(null, form);
    expect(state).toMatchObject({ ok: false, status: 400, fieldErrors: { bio: expect.stringMatching(/NUL/) } });
  });

  it("missed-calls ids and other arrays go through the same check", async () => {
    const sarah = await createMember({ name: "Sarah" });
    const opts: CallOptions = { as: sarah, body: { session_ids: [`0b7c2d0e-3d0b-4a5c-9d43-5b1f0f1d2a3e${NUL}`] } };
    expectRefused(await call(missedSeenRoute.POST, "POST", opts), 400, /session_ids\.0.*NUL/);
  });
});

describe("route() options", () => {
  it("a route may accept another body type; the same-origin rule still holds", async () => {
    const handler = route(async () => ({ ok: true }), { accepts: ["application/webhook+json"] });
    expect((await call(handler, "POST", { rawBody: "{}", contentType: "application/webhook+json" })).status).toBe(200);
    expectRefused(await call(handler, "POST", { rawBody: "{}", contentType: "application/json" }), 400, /webhook\+json/);
    expectRefused(await call(handler, "POST", { rawBody: "{}", contentType: "application/webhook+json", headers: { "sec-fetch-site": "cross-site" } }), 403);
  });
});
