import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acquireLocalMedia, acquireTrack, constraintsFor } from "@/lib/media/browser/local-media";

// getUserMedia as a browser answers it, per kind: a track, or the DOMException it throws.
type Answer = "ok" | "NotAllowedError" | "NotFoundError" | "NotReadableError";

class FakeStream {
  constructor(private readonly tracks: { kind: string; stop?: () => void }[] = []) {}
  getTracks() {
    return this.tracks;
  }
}

function devices(audio: Answer, video: Answer, together: Answer = audio === "ok" && video === "ok" ? "ok" : audio !== "ok" ? audio : video) {
  const answer = (a: Answer, tracks: { kind: string }[]) =>
    a === "ok" ? Promise.resolve(new FakeStream(tracks)) : Promise.reject(Object.assign(new Error(a), { name: a }));
  return {
    getUserMedia: vi.fn((c: MediaStreamConstraints) => {
      if (c.audio && c.video) return answer(together, [{ kind: "audio" }, { kind: "video" }]);
      return c.audio ? answer(audio, [{ kind: "audio" }]) : answer(video, [{ kind: "video" }]);
    }),
  } as unknown as MediaDevices;
}

const kinds = (stream: MediaStream | null) => stream?.getTracks().map((t) => t.kind) ?? null;

beforeEach(() => {
  vi.stubGlobal("MediaStream", FakeStream);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("acquireLocalMedia", () => {
  it("asks once for camera and microphone together", async () => {
    const d = devices("ok", "ok");
    const { stream, problem } = await acquireLocalMedia(d);
    expect(kinds(stream)).toEqual(["audio", "video"]);
    expect(problem).toBeNull();
    expect(d.getUserMedia).toHaveBeenCalledOnce();
  });

  it("goes on with the microphone when the camera is blocked", async () => {
    const { stream, problem } = await acquireLocalMedia(devices("ok", "NotAllowedError"));
    expect(kinds(stream)).toEqual(["audio"]);
    expect(problem).toEqual({ kind: "denied", devices: ["camera"] });
  });

  it("goes on with the camera when there is no microphone", async () => {
    const { stream, problem } = await acquireLocalMedia(devices("NotFoundError", "ok"));
    expect(kinds(stream)).toEqual(["video"]);
    expect(problem).toEqual({ kind: "missing", devices: ["microphone"] });
  });

  it("receives only when both are refused, and says which", async () => {
    expect(await acquireLocalMedia(devices("NotAllowedError", "NotAllowedError"))).toEqual({
      stream: null,
      problem: { kind: "denied", devices: ["microphone", "camera"] },
    });
  });

  it("reports a device held by another app as busy", async () => {
    expect((await acquireLocalMedia(devices("ok", "NotReadableError"))).problem).toEqual({ kind: "busy", devices: ["camera"] });
  });

  it("reports no camera API at all (an insecure http:// page) as unsupported", async () => {
    expect(await acquireLocalMedia(undefined)).toEqual({ stream: null, problem: { kind: "unsupported", devices: ["camera", "microphone"] } });
  });
});

describe("chosen devices", () => {
  it("asks for exactly the remembered camera and microphone", async () => {
    const d = devices("ok", "ok");
    await acquireLocalMedia(d, { camera: "back", microphone: "usb" });
    const [constraints] = vi.mocked(d.getUserMedia).mock.calls[0]!;
    expect(constraints).toMatchObject({ audio: { deviceId: { exact: "usb" } }, video: { deviceId: { exact: "back" } } });
    expect((constraints?.video as MediaTrackConstraints).facingMode).toBeUndefined();
  });

  it("starts on the defaults when a remembered device is gone", async () => {
    const d = {
      getUserMedia: vi.fn((c: MediaStreamConstraints) => {
        const exact = (k: "audio" | "video") => typeof c[k] === "object" && "deviceId" in (c[k] as object);
        if (exact("video")) return Promise.reject(Object.assign(new Error("gone"), { name: "OverconstrainedError" }));
        return Promise.resolve(new FakeStream([...(c.audio ? [{ kind: "audio", stop: () => undefined }] : []), ...(c.video ? [{ kind: "video", stop: () => undefined }] : [])]));
      }),
    } as unknown as MediaDevices;
    const { stream, problem } = await acquireLocalMedia(d, { camera: "unplugged" });
    expect(kinds(stream)).toEqual(["audio", "video"]);
    expect(problem).toBeNull();
    expect(d.getUserMedia).toHaveBeenLastCalledWith({ audio: expect.not.objectContaining({ deviceId: expect.anything() }), video: expect.objectContaining({ facingMode: "user" }) });
  });

  it("starts on the front camera without a choice", () => {
    expect(constraintsFor("camera", undefined)).toMatchObject({ facingMode: "user" });
  });

  it("switches to exactly the device picked, or says why it can't", async () => {
    const d = devices("ok", "NotReadableError");
    expect(await acquireTrack("microphone", "usb", d)).toEqual({ track: { kind: "audio" } });
    expect(vi.mocked(d.getUserMedia).mock.calls[0]![0]).toMatchObject({ audio: { deviceId: { exact: "usb" } } });
    expect(await acquireTrack("camera", "back", d)).toEqual({ problem: { kind: "busy", devices: ["camera"] } });
    expect(await acquireTrack("camera", "back", undefined)).toEqual({ problem: { kind: "unsupported", devices: ["camera"] } });
  });
});
