// The call page's arrival: it joins once, and a server re-render of the page (a `router.refresh()`
// landing on the call route, handing CallRoom a newer session) neither joins again nor hands the
// media transport a new connection — which closed the first one mid-setup, and its "bye" made the
// other side hang up ("Couldn't connect" 3 s into a call answered at once; the device-check
// journey's flake). The server is stood in for at fetch; the camera, the blur pipeline and the
// WebRTC transport (browser devices jsdom has none of) are recorded stand-ins; the rest is real.
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionView } from "@/lib/calls/types";
import type { MediaConnection } from "@/lib/media/types";
import type { CallTransportOptions } from "@/lib/media/browser/use-call-transport";

const SESSION_ID = "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn(), back: vi.fn(), prefetch: vi.fn() }) }));
vi.mock("@/lib/events/browser/member-events", () => ({ useMemberEvents: () => undefined, useMemberEventsHealthy: () => false }));
vi.mock("@/lib/calls/browser/use-wake-lock", () => ({ useWakeLock: () => undefined }));

const stand = vi.hoisted(() => ({
  stream: { id: "local", getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream,
  /** The `media` the transport was given at each render, in order. */
  transportMedia: [] as (MediaConnection | null)[],
}));
vi.mock("@/lib/media/browser/use-local-media", () => ({
  useLocalMedia: () => ({ media: { problem: null, stream: stand.stream }, devices: [], inUse: {}, switchDevice: vi.fn(), chooseSpeaker: vi.fn(), version: 0 }),
}));
vi.mock("@/lib/media/browser/use-outgoing-video", () => ({
  useOutgoingVideo: () => ({ stream: stand.stream, mode: null, reveal: vi.fn(), setCameraSource: () => false }),
}));
vi.mock("@/lib/media/browser/use-call-transport", () => ({
  useCallTransport: (opts: CallTransportOptions) => {
    stand.transportMedia.push(opts.media);
    return { state: "connecting", everConnected: false, quality: null, remoteStream: null, liveKitRoom: null, setMic: vi.fn(), setCamera: vi.fn(), replaceTrack: vi.fn(async () => undefined) };
  },
}));

const { useCallSession } = await import("@/lib/calls/browser/use-call-session");

function view(status: SessionView["status"]): SessionView {
  return {
    session_id: SESSION_ID,
    room_name: SESSION_ID,
    match_id: 7,
    status,
    call_type: "Repeat Call 💕",
    is_mutual_match: true,
    role: "caller",
    other_user_id: 2,
    other_user_name: "Alex",
    created_at: "2026-01-01T10:00:00.000Z",
    answered_at: status === "ringing" ? null : "2026-01-01T10:00:02.000Z",
    ended_at: null,
    cap_seconds: null,
    rings_until: null,
    ends_at: null,
    self_blurred: false,
    other_blurred: false,
    icebreaker: null,
    end_reason: null,
    ended_by: null,
  };
}

let joins: number;
let checkIns: number;

beforeEach(() => {
  joins = 0;
  checkIns = 0;
  stand.transportMedia = [];
  vi.useFakeTimers();
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      if (url === `/api/video/sessions/${SESSION_ID}/join`) {
        joins++;
        // Each join answers a connection of its own, as the server's does (TURN credentials are per join).
        return answer({ session: view("active"), media: { transport: "direct", roomName: SESSION_ID, iceServers: [], iceTransportPolicy: "all" } });
      }
      if (url.startsWith(`/api/video/sessions/${SESSION_ID}`)) {
        checkIns++;
        return answer({ session: view("active"), server_time: new Date().toISOString() });
      }
      throw new Error(`unexpected request ${url}`);
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe("useCallSession on arrival", () => {
  it("joins once; a re-render with a newer session (the page refreshed) does not join again or replace the media connection", async () => {
    const { result, rerender } = renderHook(({ initial }) => useCallSession(initial, "Maya"), { initialProps: { initial: view("ringing") } });
    await elapse(0);
    expect(joins).toBe(1);
    expect(result.current.phase).toBe("in-call");
    const connection = stand.transportMedia.at(-1);
    expect(connection).toMatchObject({ transport: "direct", roomName: SESSION_ID });

    // The server page renders again, now with the call answered.
    rerender({ initial: view("active") });
    const before = checkIns;
    await elapse(3_000); // two check-ins' worth: the page kept following the session meanwhile
    expect(checkIns).toBeGreaterThan(before);
    expect(joins).toBe(1);
    expect(stand.transportMedia.at(-1)).toBe(connection);
    expect(new Set(stand.transportMedia.filter(Boolean)).size).toBe(1);
  });
});
