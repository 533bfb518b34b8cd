import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { drain, onDrain } from "@/lib/server/shutdown";
import { call } from "@/test/http";
import { GET } from "./route";

describe("GET /api/ready", () => {
  it("is ready with the database reachable, and answers 503 once the instance drains", async () => {
    const ready = await call(GET, "GET");
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ ready: true });

    const steps: string[] = [];
    onDrain("first", () => void steps.push("first"));
    onDrain("fails", () => {
      throw new Error("boom");
    });
    onDrain("last", async () => void steps.push("last"));
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined as never);
    await Promise.all([drain(), drain()]);
    // Every step ran once, in order, a failing one logged and not stopping the rest.
    expect(steps).toEqual(["first", "last"]);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ step: "fails" }), "drain step failed");
    logged.mockRestore();
    expect(await call(GET, "GET")).toEqual({ status: 503, json: { error: "This instance is shutting down." } });
  });
});
