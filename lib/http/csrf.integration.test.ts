// The CSRF rules, through real route handlers on a real database: the same-origin rule and the
// JSON Content-Type for unsafe methods.
import { describe, expect, it } from "vitest";
import { routes } from "@/test/api";
import { createPair } from "@/test/factories";
import { call } from "@/test/http";
import * as profileRoute from "@/app/api/profile/route";
import * as photoRoute from "@/app/api/profile/photo/route";
import { expectRefused, snapshot } from "@/test/refusals";

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
