import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { IncomingCallCard, type IncomingCallCardProps } from "@/components/calls/IncomingCallCard";
import type { PendingCall } from "@/lib/calls/client/calls-api";

const mutualCall: PendingCall = {
  session_id: "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11",
  match_id: 4,
  other_user_name: "Sarah",
  other_user_photo_url: null,
  is_mutual_match: true,
  seconds_ago: 15,
  call_type: "Repeat Call 💕",
};

const firstCall: PendingCall = {
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
