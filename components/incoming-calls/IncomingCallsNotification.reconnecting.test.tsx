// The incoming-call poll during an outage: a quiet "reconnecting" note (a polite status, not an
// error) while polls fail with 503 or get no answer, gone as soon as one succeeds again — with
// the call that rang meanwhile. Real SWR and its real retry delays, on Vitest's fake clock (each
// test moves it past the delays instead of waiting them out); only the network is stood in for.
import { act, render, screen, waitFor } from "@testing-library/react";
import { SWRConfig } from "swr";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IncomingCallsNotification } from "@/components/incoming-calls/IncomingCallsNotification";
import type { IncomingCall } from "@/lib/calls/incoming-call";

const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn(), back: vi.fn(), prefetch: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const call: IncomingCall = {
  session_id: "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11",
  match_id: 4,
  other_user_name: "Sarah",
  other_user_photo_url: null,
  is_mutual_match: true,
  seconds_ago: 2,
  call_type: "Repeat Call 💕",
};

const OUTAGE = { error: "Meetcute can't reach its database right now. Please try again in a moment." };
type Answer = { status: number; body: unknown } | "network-error";
let answer: Answer;
let polls: number;

beforeEach(() => {
  polls = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      if (String(input) !== "/api/video/pending-calls") throw new Error(`unexpected request ${String(input)}`);
      polls++;
      // What fetch does when the request never gets an answer (server gone, network down).
      if (answer === "network-error") throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Moves the fake clock on by `ms`, running the timers due meanwhile and React's renders. */
const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** Moves the fake clock on until the next poll has been answered (at most `limitMs` of it). */
async function untilNextPoll(limitMs = 30_000) {
  const before = polls;
  for (let t = 0; polls === before; t += 250) {
    if (t > limitMs) throw new Error(`no poll within ${limitMs} ms of the fake clock (${polls} so far)`);
    await elapse(250);
  }
  await elapse(0);
}

function mount() {
  render(
    <SWRConfig value={{ provider: () => new Map() }}>
      <IncomingCallsNotification />
    </SWRConfig>,
  );
}

const note = () => screen.queryByTestId("calls-reconnecting");

describe("IncomingCallsNotification while the server can't reach its database", () => {
  it.each<[string, Answer]>([
    ["503", { status: 503, body: OUTAGE }],
    ["no answer at all", "network-error"],
  ])("a poll failing with %s shows a quiet, polite 'reconnecting' status; the next good poll clears it and shows the call", async (_, failing) => {
    answer = failing;
    vi.useFakeTimers();
    mount();
    await elapse(0);
    const shown = screen.getByTestId("calls-reconnecting");
    expect(shown).toHaveTextContent("Reconnecting… calls may arrive late.");
    // A polite live region that was there before the note: announced without interrupting.
    const region = shown.closest("[role=status]");
    expect(region).toHaveAttribute("aria-live", "polite");
    // Quiet: no alert, no error text, no driver message on screen.
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByText(OUTAGE.error)).toBeNull();

    // The database is back and a call rings: the retry (≤ 3 s after one failure) picks it up.
    answer = { status: 200, body: { pending_calls: [call] } };
    await untilNextPoll(3_000);
    expect(screen.getByTestId("incoming-call")).toHaveAttribute("data-session-id", call.session_id);
    expect(note()).toBeNull();
    expect(region).toBeEmptyDOMElement();
  });

  it("stays up through several failed polls, then clears", async () => {
    answer = { status: 503, body: OUTAGE };
    vi.useFakeTimers();
    mount();
    await elapse(0);
    expect(note()).not.toBeNull();
    // Three more failed polls, at the retry delays: the note stays throughout.
    for (let i = 0; i < 3; i++) {
      await untilNextPoll();
      expect(note()).not.toBeNull();
    }
    expect(polls).toBe(4);
    // The next retry is 18–24 s away (3, 6, 12, then 24 s, each less up to a quarter).
    answer = { status: 200, body: { pending_calls: [] } };
    await untilNextPoll();
    expect(note()).toBeNull();
  });

  it.each<[string, Answer]>([
    ["a 500 (a bug, not an outage)", { status: 500, body: { error: "Something went wrong on our side. Please try again." } }],
    ["a 429", { status: 429, body: { error: "Too many requests; please slow down." } }],
    ["a 401 (signed out)", { status: 401, body: { error: "Please sign in." } }],
  ])("%s is not shown as reconnecting", async (_, failing) => {
    answer = failing;
    // Every DOM change is watched from the first render: a note shown for a moment is caught too.
    let everShown = false;
    const observer = new MutationObserver(() => (everShown ||= note() !== null));
    observer.observe(document.body, { childList: true, subtree: true });
    mount();
    await waitFor(() => expect(polls).toBe(1));
    // SWR stores the failed poll's error from a microtask: act() flushes it and React's render.
    await act(async () => {});
    observer.disconnect();
    expect(everShown).toBe(false);
    expect(note()).toBeNull();
  });
});
