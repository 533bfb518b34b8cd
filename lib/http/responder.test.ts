import { describe, expect, it } from "vitest";
import { route } from "@/lib/http/responder";
import { call } from "@/test/http";
import { expectRefused } from "@/test/refusals";

describe("route() options", () => {
  it("a route may accept another body type; the same-origin rule still holds", async () => {
    const handler = route(async () => ({ ok: true }), { accepts: ["application/webhook+json"] });
    expect((await call(handler, "POST", { rawBody: "{}", contentType: "application/webhook+json" })).status).toBe(200);
    expectRefused(await call(handler, "POST", { rawBody: "{}", contentType: "application/json" }), 400, /webhook\+json/);
    expectRefused(await call(handler, "POST", { rawBody: "{}", contentType: "application/webhook+json", headers: { "sec-fetch-site": "cross-site" } }), 403);
  });
});
