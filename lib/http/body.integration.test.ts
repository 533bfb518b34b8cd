// The streamed body cap, through a real route handler on a real database.
import { describe, expect, it } from "vitest";
import { MAX_JSON_BYTES } from "@/lib/http/body";
import { routes } from "@/test/api";
import { createMember, createPair } from "@/test/factories";
import { call } from "@/test/http";
import * as profileRoute from "@/app/api/profile/route";
import { expectRefused, snapshot } from "@/test/refusals";


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

// The same cap on a Pages Router route (lib/http/node-handler.ts), whose body is Node's own
// request stream, read through a real socket: start-call (pages/api/video/start-call.ts).
describe("body cap on Node's request (start-call)", () => {
  it("stops reading a chunked body at the cap: 413 on a closed connection, and most of it is never sent", async () => {
    const { sarah } = await createPair();
    const before = await snapshot();
    const body = countingStream(20 * 1024 * 1024);
    const res = await call(routes.startCallRoute.POST, "POST", { as: sarah, stream: body.stream });
    expectRefused(res, 413);
    // What was pulled is what the socket's buffers took before the server closed the connection.
    expect(body.pulled()).toBeLessThan(10 * 1024 * 1024);
    expect(await snapshot()).toBe(before);
  });

  it("refuses a Content-Length over the cap before reading, and malformed JSON, unknown fields and a missing type with 400", async () => {
    const { sarah, match } = await createPair();
    const before = await snapshot();
    const big = JSON.stringify({ match_id: match.id, pad: "x".repeat(MAX_JSON_BYTES) });
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, rawBody: big }), 413);
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, rawBody: "{\"match_id\":" }), 400, /Malformed/);
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id, extra: 1 } }), 400);
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id }, contentType: null }), 400, /Content-Type/);
    expectRefused(await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id }, contentType: "text/plain" }), 400, /Content-Type/);
    expect(await snapshot()).toBe(before);
    // And the same request, well formed, starts the call.
    expect((await call(routes.startCallRoute.POST, "POST", { as: sarah, body: { match_id: match.id } })).status).toBe(200);
  });
});
