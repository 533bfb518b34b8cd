import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, errorMessage, isGone, NETWORK_ERROR_MESSAGE, readiness, request, REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS, uploadPhoto } from "@/lib/api/client";
import { HEARTBEAT_TIMEOUT_SECONDS } from "@/lib/calls/config";

// The browser client against a scripted server at the network boundary (`fetch`).

type Seen = { url: string; init: RequestInit };

function answer(status: number, body: unknown): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
    }),
  );
  return seen;
}

const headers = (s: Seen) => new Headers(s.init.headers);

afterEach(() => vi.unstubAllGlobals());

describe("request", () => {
  it("sends every unsafe request as application/json, with {} when there is no body (the CSRF rule)", async () => {
    const seen = answer(200, { ok: true });
    await request("/api/matches/find", { method: "POST" });
    await request("/api/me/do-not-disturb", { method: "PUT", body: { mode: "1h" } });
    expect(seen.map((s) => [s.init.method, headers(s).get("content-type"), s.init.body])).toEqual([
      ["POST", "application/json", "{}"],
      ["PUT", "application/json", '{"mode":"1h"}'],
    ]);
  });

  it("sends a GET without a body or content type", async () => {
    const seen = answer(200, { pending_calls: [] });
    await request("/api/video/pending-calls");
    expect(seen[0].init.method).toBe("GET");
    expect(seen[0].init.body).toBeUndefined();
    expect(headers(seen[0]).get("content-type")).toBeNull();
  });

  it("leaves a FormData body's content type (multipart, with its boundary) to the browser", async () => {
    const seen = answer(200, { photoUrl: "/api/photos/a.jpg" });
    await uploadPhoto(new File([new Uint8Array([1, 2, 3])], "me.jpg", { type: "image/jpeg" }));
    expect(seen[0].init.body).toBeInstanceOf(FormData);
    expect((seen[0].init.body as FormData).get("photo")).toBeInstanceOf(File);
    expect(headers(seen[0]).get("content-type")).toBeNull();
  });

  it("throws the server's { error, code } as ApiError with its status", async () => {
    answer(409, { error: "Sarah is in another call.", code: "busy" });
    const err = await request("/api/video/start-call", { method: "POST" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, message: "Sarah is in another call.", code: "busy" });
    expect(errorMessage(err, "fallback")).toBe("Sarah is in another call.");
  });

  it("a failure without the server's words shows the screen's own fallback", async () => {
    answer(502, "<html>Bad gateway</html>");
    const err = await request("/api/signup", { method: "POST" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502 });
    expect(errorMessage(err, "Could not create your account.")).toBe("Could not create your account.");
  });

  it("never reaching the server is status 0 with the one connection message", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    const err = await request("/api/video/pending-calls").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, message: NETWORK_ERROR_MESSAGE });
    expect(errorMessage(err, "fallback")).toBe(NETWORK_ERROR_MESSAGE);
  });

  it("gives up on a request that gets no answer in time: status 0, so a loop awaiting it goes on", async () => {
    // A server that never answers: like the browser's fetch, it rejects only when the signal aborts.
    vi.stubGlobal(
      "fetch",
      vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)))),
    );
    const err = await request("/api/video/sessions/x", { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, message: NETWORK_ERROR_MESSAGE });
  });

  it("gives every request a deadline well inside the 30 s after which a silent member leaves a call; an upload a longer one", async () => {
    answer(200, { ok: true });
    const deadlines = vi.spyOn(AbortSignal, "timeout");
    await request("/api/video/pending-calls");
    await uploadPhoto(new File(["x"], "a.jpg", { type: "image/jpeg" }));
    expect(deadlines.mock.calls).toEqual([[REQUEST_TIMEOUT_MS], [UPLOAD_TIMEOUT_MS]]);
    // A stalled check-in is dropped and the next one (1.5 s later) still lands in time.
    expect(REQUEST_TIMEOUT_MS + 1_500).toBeLessThan(HEARTBEAT_TIMEOUT_SECONDS * 1000);
    expect(UPLOAD_TIMEOUT_MS).toBeGreaterThan(REQUEST_TIMEOUT_MS);
  });

  it("checks the answer against a schema when given one", async () => {
    answer(200, { session_id: 42 });
    const err = await request("/x", { schema: z.object({ session_id: z.string() }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(errorMessage(err, "The call couldn't be started.")).toBe("The call couldn't be started.");
    answer(200, { session_id: "s1" });
    expect(await request("/x", { schema: z.object({ session_id: z.string() }) })).toEqual({ session_id: "s1" });
  });
});

describe("readiness", () => {
  it("reads /api/ready: 200 ready, 503 or no answer unavailable, any other refusal unknown", async () => {
    const seen = answer(200, { ready: true, events_listener: "connected" });
    expect(await readiness()).toBe("ready");
    expect(seen.map((s) => [s.url, s.init.method, s.init.cache])).toEqual([["/api/ready", "GET", "no-store"]]);
    answer(503, { error: "The database is unreachable." });
    expect(await readiness()).toBe("unavailable");
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    expect(await readiness()).toBe("unavailable");
    answer(500, { error: "Something went wrong." });
    expect(await readiness()).toBe("unknown");
  });
});

describe("isGone", () => {
  it("is a 404 or a 409 from our API, nothing else", () => {
    expect(isGone(new ApiError(404, "Call not found."))).toBe(true);
    expect(isGone(new ApiError(409, "This call is no longer ringing.", "not_ringing"))).toBe(true);
    for (const status of [0, 400, 401, 403, 429, 500, 503]) expect(isGone(new ApiError(status, "x"))).toBe(false);
    expect(isGone(new Error("404"))).toBe(false);
  });
});
