// The responder for Pages Router API routes (lib/http/node-handler.ts), through the notification
// poll (pages/api/video/pending-calls.ts) on a real local HTTP server and a real PostgreSQL: the
// same statuses, `{ error }` bodies, NUL rule and draining rule as route().
import { describe, expect, it } from "vitest";
import incomingCalls from "@/pages/api/video/pending-calls";
import { drain } from "@/lib/server/shutdown";
import { createMember } from "@/test/factories";
import { sessionCookie } from "@/test/http";
import { serve } from "@/test/node-route";

async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(`${await serve(incomingCalls)}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

describe("nodeRoute (the poll)", () => {
  it("answers a signed-in member with JSON and its length", async () => {
    const john = await createMember({ name: "John" });
    const res = await get("/api/video/pending-calls", { headers: { cookie: await sessionCookie(john) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(res.text)));
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.json).toEqual({ pending_calls: [] });
    expect(res.headers.get("connection")).not.toBe("close");
  });

  it("refuses a signed-out client with 401 { error }", async () => {
    const res = await get("/api/video/pending-calls");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: expect.any(String) });
  });

  it("answers another method 405 with Allow: GET", async () => {
    const john = await createMember({ name: "John" });
    const res = await get("/api/video/pending-calls", { method: "POST", headers: { cookie: await sessionCookie(john), "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(res.json).toEqual({ error: "Use GET to read pending calls." });
  });

  it("refuses a NUL character in the query string with 400, as route() does", async () => {
    const john = await createMember({ name: "John" });
    const res = await get("/api/video/pending-calls?x=a%00b", { headers: { cookie: await sessionCookie(john) } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: expect.stringMatching(/NUL/) });
  });

  // Last: draining is one-way for this test file's process.
  it("closes the connection of every answer while the instance drains", async () => {
    const john = await createMember({ name: "John" });
    await drain();
    const res = await get("/api/video/pending-calls", { headers: { cookie: await sessionCookie(john) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("connection")).toBe("close");
  });
});
