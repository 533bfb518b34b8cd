import { NextRequest } from "next/server";
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

  it("answers JSON no cache may keep; a small answer says no-transform, so next start's gzip leaves it alone", async () => {
    const answer = (handler: ReturnType<typeof route>, init?: RequestInit) =>
      handler(new NextRequest("http://localhost/api/test", init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) });
    const small = await answer(route(async () => ({ ok: true })));
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    const large = await answer(route(async () => ({ items: "x".repeat(2000) })));
    expect(large.headers.get("cache-control")).toBe("no-store");
    expect((await large.json()).items).toHaveLength(2000);
    const refused = await answer(route(async () => ({ ok: true })), { method: "POST", body: "{}", headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("cache-control")).toBe("no-store, no-transform");
  });
});
