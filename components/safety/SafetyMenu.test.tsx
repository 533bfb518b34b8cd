import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SafetyMenu } from "@/components/safety/SafetyMenu";

const actions = vi.hoisted(() => ({ unmatchAction: vi.fn(), blockAction: vi.fn(), reportAction: vi.fn() }));
const router = vi.hoisted(() => ({ push: vi.fn(), refresh: vi.fn() }));
vi.mock("@/lib/safety/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => router }));
vi.mock("sonner", () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

beforeEach(() => {
  vi.clearAllMocks();
  actions.unmatchAction.mockResolvedValue({ ok: true, data: { status: "unmatched" } });
  actions.blockAction.mockResolvedValue({ ok: true, data: { status: "blocked" } });
  actions.reportAction.mockResolvedValue({ ok: true, data: { blocked: false } });
});

function open(item: "Unmatch" | "Block" | "Report", props: { sessionId?: string } = {}) {
  render(<SafetyMenu matchId={7} otherName="Sarah" {...props} />);
  fireEvent.click(screen.getByRole("button", { name: "Safety options for Sarah" }));
  fireEvent.click(screen.getByRole("menuitem", { name: item }));
}

describe("SafetyMenu", () => {
  it("blocks only after a confirmation, then leaves for /matches", async () => {
    open("Block");
    const dialog = screen.getByRole("dialog", { name: "Block Sarah?" });
    expect(dialog).toHaveTextContent("They'll never see you again");
    expect(actions.blockAction).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Block" })));
    expect(actions.blockAction).toHaveBeenCalledWith(7);
    expect(router.push).toHaveBeenCalledWith("/matches");
    expect(router.refresh).toHaveBeenCalled();
  });

  it("opens a modal <dialog>; closing it (Escape, in a browser) hands focus back to the menu button", () => {
    open("Unmatch");
    const dialog = screen.getByRole("dialog", { name: "Unmatch Sarah?" });
    expect(dialog.tagName).toBe("DIALOG");
    expect(dialog).toHaveAttribute("open");
    // What the browser does on Escape: close the dialog, which fires "close".
    act(() => (dialog as HTMLDialogElement).close());
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Safety options for Sarah" })).toHaveFocus();
    expect(actions.unmatchAction).not.toHaveBeenCalled();
  });

  it("cancelling an unmatch does nothing", () => {
    open("Unmatch");
    fireEvent.click(within(screen.getByRole("dialog", { name: "Unmatch Sarah?" })).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(actions.unmatchAction).not.toHaveBeenCalled();
  });

  it("reports with a reason from the fixed list, details up to 1,000 characters, the call and the block", async () => {
    open("Report", { sessionId: "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11" });
    const dialog = screen.getByRole("dialog", { name: "Report Sarah" });
    expect(within(dialog).getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      "Inappropriate behaviour on camera",
      "Harassment",
      "Fake profile",
      "Underage",
      "Spam or scam",
      "Other",
    ]);
    // No reason chosen yet: nothing is sent.
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Send report" })));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Choose what happened.");
    expect(actions.reportAction).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole("radio", { name: "Harassment" }));
    const details = within(dialog).getByLabelText(/Details/);
    expect(details).toHaveAttribute("maxLength", "1000");
    fireEvent.change(details, { target: { value: "  Rude.  " } });
    expect(within(dialog).getByText("9/1000")).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("checkbox", { name: "Also block Sarah" }));
    actions.reportAction.mockResolvedValue({ ok: true, data: { blocked: true } });
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Send report" })));
    expect(actions.reportAction).toHaveBeenCalledWith(7, {
      reason: "harassment",
      details: "Rude.",
      sessionId: "6f1c1a52-3b8e-4f59-9a55-0d6a2b7e9c11",
      alsoBlock: true,
    });
    expect(router.push).toHaveBeenCalledWith("/matches");
  });

  it("shows the server's refusal in the dialog", async () => {
    actions.reportAction.mockResolvedValue({ ok: false, status: 409, error: "You already reported this person." });
    open("Report");
    const dialog = screen.getByRole("dialog", { name: "Report Sarah" });
    fireEvent.click(within(dialog).getByRole("radio", { name: "Spam or scam" }));
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Send report" })));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("You already reported this person.");
    expect(router.push).not.toHaveBeenCalled();
  });
});
