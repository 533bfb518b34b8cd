// The streamed body cap, through a real route handler on a real database.
import { describe, expect, it } from "vitest";
import { MAX_JSON_BYTES } from "@/lib/http/body";
import { createMember } from "@/test/factories";
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
