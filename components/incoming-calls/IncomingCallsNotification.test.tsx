import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { toast, Toaster } from "sonner";
import { SWRConfig } from "swr";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IncomingCallCard, type IncomingCallCardProps } from "@/components/incoming-calls/IncomingCallCard";
import { IncomingCallsNotification } from "@/components/incoming-calls/IncomingCallsNotification";
import type { IncomingCall } from "@/lib/api/client";

const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn(), back: vi.fn(), prefetch: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const mutualCall: IncomingCall = {
  session_id: "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11",
  match_id: 4,
  other_user_name: "Sarah",
  other_user_photo_url: null,
  is_mutual_match: true,
  seconds_ago: 15,
  call_type: "Repeat Call 💕",
};

const firstCall: IncomingCall = {
  ...mutualCall,
  session_id: "0b7d4f3e-8a21-4c6f-b1d2-5e9f7a3c2d10",
  other_user_name: "John",
  other_user_photo_url: "/api/photos/john.jpg",
  is_mutual_match: false,
  call_type: "First Call",
};

function renderCard(props: Partial<IncomingCallCardProps> = {}) {
  const handlers = { onJoin: vi.fn(), onDecline: vi.fn(), onDismiss: vi.fn() };
  render(<IncomingCallCard call={mutualCall} secondsAgo={15} {...handlers} {...props} />);
  return { card: screen.getByTestId("incoming-call"), ...handlers };
}

describe("IncomingCallCard", () => {
  it("shows a mutual-match call in pink and purple", () => {
    const { card } = renderCard();
    expect(card).toHaveAttribute("data-call-type", "mutual");
    expect(card).toHaveAttribute("data-session-id", mutualCall.session_id);
    expect(within(card).getByRole("heading", { name: "💕 Mutual Match Calling!" })).toBeInTheDocument();
    expect(within(card).getByText("Repeat Call 💕")).toBeInTheDocument();
    expect(within(card).getByText("Sarah")).toBeInTheDocument();
    expect(card).toHaveClass("bg-gradient-to-r", "from-pink-50", "to-purple-50", "border-pink-500");
    expect(within(card).getByRole("button", { name: "Join Call" })).toHaveClass("from-pink-500", "to-purple-600");
    expect(card.className).not.toMatch(/from-blue|to-green/);
  });

  it("shows a first call in blue and green", () => {
    const { card } = renderCard({ call: firstCall });
    expect(card).toHaveAttribute("data-call-type", "first");
    expect(within(card).getByRole("heading", { name: "📞 Incoming Call" })).toBeInTheDocument();
    expect(within(card).getByText("First Call")).toBeInTheDocument();
    expect(within(card).queryByText("💕 Mutual Match Calling!")).not.toBeInTheDocument();
    expect(card).toHaveClass("bg-gradient-to-r", "from-blue-50", "to-green-50", "border-blue-500");
    expect(card.className).not.toMatch(/from-pink|to-purple/);
  });

  it("shows the caller's photo", () => {
    const { card } = renderCard({ call: firstCall });
    expect(card.querySelector("img")).toHaveAttribute("src", "/api/photos/john.jpg");
  });

  it("shows the caller's initial when they have no photo", () => {
    const { card } = renderCard({ call: { ...mutualCall, other_user_name: "maya" } });
    expect(card.querySelector("img")).toBeNull();
    expect(within(card).getByText("M")).toBeInTheDocument();
  });

  it.each([
    [5, "5s ago"],
    [15, "15s ago"],
    [125, "2m ago"],
  ])("shows %ss of ringing as %s", (seconds, text) => {
    const { card } = renderCard({ secondsAgo: seconds });
    expect(within(card).getByTestId("incoming-call-timer")).toHaveTextContent(text);
  });

  it("updates the timer when the ticking seconds change", () => {
    const handlers = { onJoin: vi.fn(), onDecline: vi.fn(), onDismiss: vi.fn() };
    const { rerender } = render(<IncomingCallCard call={mutualCall} secondsAgo={15} {...handlers} />);
    rerender(<IncomingCallCard call={mutualCall} secondsAgo={16} {...handlers} />);
    expect(screen.getByTestId("incoming-call-timer")).toHaveTextContent("16s ago");
  });

  it("is an alert dialog labelled by its heading and described by who is calling", () => {
    renderCard();
    const dialog = screen.getByRole("alertdialog", { name: "💕 Mutual Match Calling!" });
    expect(dialog).toHaveAccessibleDescription("Sarah is calling you");
  });

  it("fires the callbacks from real buttons", () => {
    const { card, onJoin, onDecline, onDismiss } = renderCard();
    fireEvent.click(within(card).getByRole("button", { name: "Join Call" }));
    fireEvent.click(within(card).getByRole("button", { name: "Decline" }));
    fireEvent.click(within(card).getByRole("button", { name: "Dismiss" }));
    expect(onJoin).toHaveBeenCalledOnce();
    expect(onDecline).toHaveBeenCalledOnce();
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it("holds both buttons while a request is in flight", () => {
    const { card, onDecline } = renderCard({ pending: "join" });
    expect(within(card).getByRole("button", { name: "Joining…" })).toBeDisabled();
    const declineButton = within(card).getByRole("button", { name: "Decline" });
    expect(declineButton).toBeDisabled();
    fireEvent.click(declineButton);
    expect(onDecline).not.toHaveBeenCalled();
  });

  it("animates only when the member hasn't asked for reduced motion", () => {
    const { card } = renderCard();
    const classes = [card, ...card.querySelectorAll("*")].flatMap((el) => [...el.classList]);
    const motion = classes.filter((c) => /animate-|transition|starting:/.test(c));
    // The bouncing entrance and the pulsing phone icon…
    expect(card).toHaveClass("motion-safe:animate-[bounce_0.8s_1.5]");
    expect(classes).toContain("motion-safe:animate-pulse");
    // …and nothing that moves regardless of prefers-reduced-motion.
    expect(motion.filter((c) => !c.startsWith("motion-safe:"))).toEqual([]);
  });
});

/**
 * The mounted notification against a scripted server at the network boundary (the browser's
 * `fetch`): what the incoming-calls poll (GET /api/video/pending-calls) returns, and how join/decline answer.
 */
describe("IncomingCallsNotification", () => {
  type Answer = { status: number; body: unknown };
  let ringing: IncomingCall[];
  let answers: { join: Answer; decline: Answer };
  let requests: string[];

  beforeEach(() => {
    ringing = [mutualCall];
    answers = { join: { status: 200, body: { ok: true } }, decline: { status: 200, body: { ok: true } } };
    requests = [];
    router.push.mockClear();
    sessionStorage.clear();
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const method = init?.method ?? "GET";
        requests.push(`${method} ${url}`);
        const json = (status: number, body: unknown) =>
          new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
        if (method === "GET" && url === "/api/video/pending-calls") return json(200, { pending_calls: ringing });
        const action = /^\/api\/video\/sessions\/([^/]+)\/(join|decline)$/.exec(url);
        if (method === "POST" && action) {
          const answer = answers[action[2] as "join" | "decline"];
          // The server stops ringing a call once it is answered, declined or gone.
          ringing = ringing.filter((c) => c.session_id !== decodeURIComponent(action[1]));
          return json(answer.status, answer.body);
        }
        throw new Error(`unexpected request ${method} ${url}`);
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    // Toasts are module state in sonner: none may carry over into the next test.
    toast.dismiss();
  });

  async function mount() {
    render(
      // A fresh SWR cache per test, so no test sees another's calls.
      <SWRConfig value={{ provider: () => new Map() }}>
        <IncomingCallsNotification />
        <Toaster />
      </SWRConfig>,
    );
    const card = await screen.findByTestId("incoming-call");
    expect(card).toHaveAttribute("data-session-id", mutualCall.session_id);
    return card;
  }

  const polls = () => requests.filter((r) => r === "GET /api/video/pending-calls").length;

  it("shows the ringing call and announces it", async () => {
    const card = await mount();
    expect(within(card).getByText("Sarah")).toBeInTheDocument();
    expect(screen.getByText("Sarah is calling you.")).toBeInTheDocument();
  });

  it("joins: posts join and navigates to the call page", async () => {
    const card = await mount();
    fireEvent.click(within(card).getByRole("button", { name: "Join Call" }));
    await waitFor(() => expect(router.push).toHaveBeenCalledWith(`/call/${mutualCall.session_id}`));
    expect(requests).toContain(`POST /api/video/sessions/${mutualCall.session_id}/join`);
    expect(await screen.findByText("💕 Joining call with Sarah!")).toBeInTheDocument();
  });

  it("declines: posts decline and the card goes once the server stops ringing", async () => {
    const card = await mount();
    fireEvent.click(within(card).getByRole("button", { name: "Decline" }));
    await waitFor(() => expect(screen.queryByTestId("incoming-call")).toBeNull(), { timeout: 1000 });
    expect(requests).toContain(`POST /api/video/sessions/${mutualCall.session_id}/decline`);
    expect(router.push).not.toHaveBeenCalled();
  });

  it.each([
    [404, "Call not found."],
    [409, "This call is no longer ringing."],
  ])("a join answered %i shows the server's message, stays put, and re-reads the list at once", async (status, error) => {
    answers.join = { status, body: { error } };
    const card = await mount();
    const before = polls();
    fireEvent.click(within(card).getByRole("button", { name: "Join Call" }));
    expect(await screen.findByText(error)).toBeInTheDocument();
    // Well inside the 3 s poll interval: the list was fetched because of the failure.
    await waitFor(() => expect(screen.queryByTestId("incoming-call")).toBeNull(), { timeout: 1000 });
    expect(polls()).toBeGreaterThan(before);
    expect(router.push).not.toHaveBeenCalled();
  });

  it.each([404, 409])("a decline answered %i is what declining wanted: no error, the card goes", async (status) => {
    const error = `Sarah already hung up (${status}).`;
    answers.decline = { status, body: { error } };
    const card = await mount();
    fireEvent.click(within(card).getByRole("button", { name: "Decline" }));
    await waitFor(() => expect(screen.queryByTestId("incoming-call")).toBeNull(), { timeout: 1000 });
    expect(requests).toContain(`POST /api/video/sessions/${mutualCall.session_id}/decline`);
    expect(screen.queryByText(error)).toBeNull();
  });

  it("a decline that fails otherwise says so", async () => {
    answers.decline = { status: 429, body: { error: "Too many requests. Try again in a moment." } };
    const card = await mount();
    fireEvent.click(within(card).getByRole("button", { name: "Decline" }));
    expect(await screen.findByText("Too many requests. Try again in a moment.")).toBeInTheDocument();
  });

  it("dismiss hides the card without telling the server", async () => {
    const card = await mount();
    act(() => fireEvent.click(within(card).getByRole("button", { name: "Dismiss" })));
    expect(screen.queryByTestId("incoming-call")).toBeNull();
    expect(requests.filter((r) => r.startsWith("POST"))).toEqual([]);
  });

  it("shows the calls the page was rendered with before the first poll answers, then follows the poll", async () => {
    let answerPoll: (() => void) | null = null;
    const realFetch = fetch;
    vi.stubGlobal(
      "fetch",
      vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
        String(input) === "/api/video/pending-calls" ? new Promise<Response>((resolve) => (answerPoll = () => resolve(realFetch(input, init)))) : realFetch(input, init),
      ),
    );
    ringing = [];
    render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <IncomingCallsNotification renderedCalls={[firstCall]} />
      </SWRConfig>,
    );
    // In the first render: the server's seconds, a Join that answers a tap. (firstCall: the test
    // above dismissed mutualCall, and dismissals outlive a test in the module's memory.)
    const card = screen.getByTestId("incoming-call");
    expect(within(card).getByTestId("incoming-call-timer")).toHaveTextContent("15s ago");
    fireEvent.click(within(card).getByRole("button", { name: "Join Call" }));
    expect(within(card).getByRole("button", { name: "Joining…" })).toBeInTheDocument();
    // The poll asked at once says it stopped ringing: the card goes.
    await waitFor(() => expect(answerPoll).not.toBeNull());
    act(() => answerPoll!());
    await waitFor(() => expect(screen.queryByTestId("incoming-call")).toBeNull());
  });

  it("hydrates the server's HTML even for a call this tab dismissed, then hides it", async () => {
    const { renderToString } = await import("react-dom/server");
    const { hydrateRoot } = await import("react-dom/client");
    const tree = (
      <SWRConfig value={{ provider: () => new Map() }}>
        <IncomingCallsNotification renderedCalls={[firstCall]} />
      </SWRConfig>
    );
    const container = document.createElement("div");
    container.innerHTML = renderToString(tree);
    document.body.append(container);
    expect(container.querySelector("[data-testid=incoming-call]")).not.toBeNull();
    sessionStorage.setItem(`meetcute:dismissed-call:${firstCall.session_id}`, "1");
    const recoverable = vi.fn();
    const root = await act(async () => hydrateRoot(container, tree, { onRecoverableError: recoverable }));
    expect(recoverable).not.toHaveBeenCalled();
    expect(container.querySelector("[data-testid=incoming-call]")).toBeNull();
    act(() => root.unmount());
    container.remove();
  });
});
